print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, 0]), any([0, 'x']))
print(all(x > 0 for x in range(1, 5)), any(x > 3 for x in range(3)))
print(all('abc'), any(''), all([[], 1]), any([None, {}, ()]))
def gen():
    yield 1
    yield 0
    print('not reached')
    yield 1
print(all(gen()))
