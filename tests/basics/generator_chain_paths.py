# Resuming through chains of `yield from` (each step goes to the innermost
# generator), throw()/close() in the middle of a chain, generators used
# after they are exhausted and exceptions raised inside generator
# expressions.


def leaf(n, tag):
    try:
        for i in range(n):
            got = yield (tag, i)
            if got is not None:
                print('leaf got', got)
    finally:
        print('leaf', tag, 'cleanup')
    return tag + '-done'


def level(depth, n):
    if depth == 0:
        r = yield from leaf(n, 'L')
    else:
        r = yield from level(depth - 1, n)
    return r


def top(depth, n):
    r = yield from level(depth, n)
    print('top got', r)
    yield 'last'


print(list(top(5, 3)))
print(sum(i for _, i in level(30, 10)))

g = top(8, 4)
print(next(g), g.send('x'), next(g))
try:
    g.throw(ValueError('k'))
except ValueError as e:
    print('ValueError out of chain', e)
print(list(g))

g = top(8, 4)
print(next(g))
g.close()
print(list(g))


def catcher():
    try:
        yield from leaf(3, 'C')
    except ValueError as e:
        print('catcher caught', e)
        yield 'recovered'
    yield 'after'


g = level(4, 0)
print(list(g))
g = catcher()
print(next(g), g.throw(ValueError('v')), next(g))
print(list(g))


def deep(n):
    if n == 0:
        yield 'bottom'
        yield 'bottom2'
    else:
        yield from deep(n - 1)


g = deep(40)
print(next(g), next(g), list(g), list(g))


def ret_value():
    yield 1
    yield 2
    return 'value'


for x in ret_value():
    print('for', x)
g = ret_value()
print(list(g), list(g), sum(g))
for x in g:
    print('never')
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)


data = [1, 2, 0, 4]
try:
    print(sum(10 // x for x in data))
except ZeroDivisionError:
    print('ZeroDivisionError in genexpr')
ge = (10 // x for x in data)
print(next(ge), next(ge))
try:
    next(ge)
except ZeroDivisionError:
    print('ZeroDivisionError, then')
print(list(ge))
ge = (x for x in data)
print(next(ge))
ge.close()
print(list(ge))
ge = (x for x in data)
print(next(ge))
try:
    ge.throw(TypeError('t'))
except TypeError as e:
    print('thrown into genexpr', e)
print(list(ge))


def running_chain():
    yield from inner_running()


def inner_running():
    yield next(rc)


rc = running_chain()
try:
    next(rc)
except ValueError as e:
    print('ValueError', e)
print(list(rc))
