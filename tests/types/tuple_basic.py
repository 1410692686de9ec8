t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[:-1], (1,), (), tuple([4, 5]))
print(t + (4,), t * 2, 2 in t, t.index(3), t.count(2))
print((1, 2) < (1, 3), (1, 2) == (1, 2), (1, 2, 3) > (1, 2))
a, b, c = t
print(a, b, c)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'x'}[(1, 2)])
print(tuple('abc'), tuple(range(3)), tuple(x * 2 for x in t))
try:
    t[0] = 5
except TypeError:
    print('immutable')
print(((1, 2), (3,)), repr((None,)))
