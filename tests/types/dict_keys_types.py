d = {}
d[1] = 'int'
d[1.5] = 'float'
d['1'] = 'str'
d[(1, 2)] = 'tuple'
d[None] = 'none'
d[True] = 'bool-overrides-1'
print(d[1], d[1.5], d['1'], d[(1, 2)], d[None], len(d))
d[2 ** 70] = 'big'
print(d[2 ** 70], d.get(2 ** 70 + 1))
try:
    d[[1]] = 0
except TypeError:
    print('unhashable list')
try:
    d[{}] = 0
except TypeError:
    print('unhashable dict')
print(d.get(1.0), {1: 'a'}[1.0])
