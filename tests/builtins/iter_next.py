it = iter([1, 2])
print(next(it), next(it), next(it, 'end'))
try:
    next(it)
except StopIteration:
    print('StopIteration')
try:
    iter(5)
except TypeError:
    print('not iterable')
d = {'only': 1}
print(next(iter(d)), next(iter(d.values())))
s = iter('xy')
print(next(s) + next(s))
