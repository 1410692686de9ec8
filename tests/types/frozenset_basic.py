f = frozenset([3, 1, 2, 1])
print(len(f), sorted(f), 2 in f)
print(sorted(f | {9}), sorted(f & {1, 5}), type(f | {9}).__name__)
d = {f: 'frozen key'}
print(d[frozenset({1, 2, 3})])
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(frozenset(), frozenset() == set())
try:
    f.add(4)
except AttributeError:
    print('no add')
