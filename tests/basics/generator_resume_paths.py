# Resuming a generator suspended at a `yield` statement (its value unused),
# at a `yield` expression and at `yield from`, by next(), send(), throw()
# and close(), and what a finished generator does afterwards.


def stmt():
    x = 0
    try:
        while x < 3:
            yield x
            x += 1
    except ValueError as e:
        print('caught', e)
        yield 'after-throw'
    finally:
        print('stmt cleanup', x)
    return 'done'


g = stmt()
print(next(g), g.send('ignored'), g.send(None))
print(g.throw(ValueError('boom')))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)
try:
    next(g)
except StopIteration as e:
    print('stop again', e.value)
print(list(g), g.close())


def expr():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


g = expr()
print(next(g), g.send(5), g.send(7))
try:
    g.send(None)
except StopIteration as e:
    print('returned', e.value)


def deleg():
    r = yield from stmt()
    print('delegate returned', r)
    yield from expr()
    yield 'end'


g = deleg()
print(next(g), next(g))
print(g.throw(ValueError('inner')))
print(next(g))
print(g.send(4), g.send(5))
print(next(g))
g.close()
print(list(g))


def running():
    yield g2.send(None)


g2 = running()
try:
    next(g2)
except ValueError as e:
    print('ValueError', e)
print(list(g2))


def twice():
    yield 1
    yield 2


g = twice()
try:
    g.send(1)
except TypeError as e:
    print('TypeError', e)
print(next(g))
g.close()
print(list(g))
g = twice()
print(next(g))
try:
    g.throw(IndexError('k'))
except IndexError as e:
    print('IndexError', e)
print(list(g))


def ignore_exit():
    n = 0
    while n < 2:
        try:
            yield 1
        except GeneratorExit:
            n += 1


g = ignore_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print('RuntimeError', e)

# Many short generator expressions: each finishes and is let go of.
n = 0
for i in range(300):
    n += sum(x for x in (i, 1))
print(n, all(x < 3 for x in [1, 2]), any(x > 3 for x in []))
