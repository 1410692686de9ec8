print(hash(1) == hash(1.0), hash(0) == hash(False), hash('') == hash(''))
print(hash((1, 'a')) == hash((1, 'a')), hash(frozenset()) == hash(frozenset()))
d = {1: 'a'}
d[1.0] = 'b'
d[True] = 'c'
print(len(d), d[1])
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError:
        print('unhashable', type(bad).__name__)
