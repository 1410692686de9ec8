def inner():
    a = yield 1
    b = yield 2
    return (a, b)
def outer():
    r = yield from inner()
    print('inner returned', r)
    yield 3
g = outer()
print(next(g))
print(g.send('A'))
print(g.send('B'))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], 'ab', range(2))))
def deleg():
    yield from (x * x for x in range(4))
print(list(deleg()))
def thrower():
    try:
        yield from inner()
    except ValueError:
        yield 'outer caught'
t = thrower()
next(t)
print(t.throw(ValueError))
