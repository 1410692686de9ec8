print(list(zip('abc', range(10))), list(zip([], [1])))
a, b = zip(*[(1, 2), (3, 4), (5, 6)])
print(a, b)
print(dict(zip(range(3), 'xyz')) == {0: 'x', 1: 'y', 2: 'z'})
def g():
    yield 1
    yield 2
print(list(zip(g(), g(), g())))
