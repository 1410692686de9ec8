# Resuming generators through `yield from` chains (a suspended delegating
# generator resumes its generator delegate directly): values, return
# values, send, throw, close, exceptions, re-entrance, and iteration of
# generators and range iterators by for loops and built-ins.


def leaf(n, ret='leaf-done'):
    for i in range(n):
        got = yield i
        if got is not None:
            print('leaf got', got)
    return ret


def mid(n):
    r = yield from leaf(n)
    print('mid got return', r)
    r2 = yield from leaf(1, 'second')
    print('mid got return', r2)
    return 'mid-done'


def top(n):
    r = yield from mid(n)
    print('top got return', r)
    return r


print(list(top(3)))
print(sum(top(4)))

# Return value through StopIteration at the top.
g = top(1)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.args)

# send() through the chain.
g = top(3)
print(next(g))
print(g.send('a'))
print(g.send('b'))
print(g.send(None))
try:
    g.send('c')
except StopIteration as e:
    print('stop', e.args)


# throw() through the chain, caught in the leaf.
def catching():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('leaf caught', type(e).__name__, e.args)
        yield 'recovered'
    return 'catching-done'


def outer_c():
    r = yield from catching()
    print('outer_c got', r)
    yield 'after'


g = outer_c()
print(next(g))
print(g.throw(ValueError('boom')))
print(next(g))
try:
    next(g)
except StopIteration:
    print('outer_c finished')


# Exception raised in the leaf, caught by the delegating generator.
def raiser():
    yield 1
    raise KeyError('k')


def middle_catch():
    try:
        yield from raiser()
    except KeyError as e:
        print('middle caught', type(e).__name__, e.args)
        yield 'handled'
    yield 'end'


def top_catch():
    x = yield from middle_catch()
    return x


print(list(top_catch()))


# Exception not caught anywhere: the whole chain finishes.
def top_raise():
    yield from raiser()


g = top_raise()
print(next(g))
try:
    next(g)
except KeyError as e:
    print('propagated', type(e).__name__, e.args)
try:
    next(g)
except StopIteration:
    print('finished after error')


# close() through the chain runs the leaf's finally.
def leaf_finally():
    try:
        yield 1
        yield 2
    finally:
        print('leaf finally')


def mid_finally():
    try:
        yield from leaf_finally()
    finally:
        print('mid finally')


def top_finally():
    yield from mid_finally()


g = top_finally()
print(next(g))
g.close()
print('closed')
try:
    next(g)
except StopIteration:
    print('closed generator stops')

# Re-entrance: the leaf resumes the generator delegating to it.
outer_ref = []


def reenter_leaf():
    yield 1
    try:
        next(outer_ref[0])
    except ValueError as e:
        print('ValueError:', e)
    yield 2


def reenter_outer():
    yield from reenter_leaf()
    yield 3


g = reenter_outer()
outer_ref.append(g)
print(list(g))


# yield from a non-generator iterator inside a chain.
def from_list():
    r = yield from [10, 20]
    print('list delegate returns', r)
    yield from iter(range(30, 32))


def top_list():
    yield from from_list()


print(list(top_list()))


# A delegate shared by two delegating generators, one after the other.
shared = leaf(4)


def take2():
    yield next(shared)
    yield from shared


a = take2()
print(next(a), next(a), next(a))
print(list(a))

# Deep chains.


def deep(n):
    if n == 0:
        yield from range(3)
        return 'bottom'
    r = yield from deep(n - 1)
    return r


g = deep(50)
print(list(g))


def deep_ret(n):
    if n == 0:
        yield 'x'
        return 0
    r = yield from deep_ret(n - 1)
    return r + 1


def collect(g):
    r = yield from g
    print('depth', r)


print(list(collect(deep_ret(30))))

# Generators and range iterators consumed by built-ins and for loops.
print(''.join(str(i % 10) for i in range(25)))
print(sum(x * x for x in range(100)), any(x > 98 for x in range(100)), all(x < 50 for x in range(100)))
print(tuple(x for x in range(5)), sorted(x % 3 for x in range(7)), min(x for x in range(3, 9)), max(x for x in range(3, 9)))
print(dict((x, x * x) for x in range(4)), sorted(set(x % 4 for x in range(20))))
l = [0]
l.extend(x for x in range(1, 4))
print(l)
it = iter(range(5))
for x in it:
    if x == 2:
        break
print(next(it), list(it))
it = iter(range(10, 0, -3))
print([x for x in it], list(it))
# (Past the small ints; a range's bounds must fit a machine word.)
import sys
B = 2**62 if sys.maxsize > 2**40 else 2**30
big = iter(range(B, B + 3))
print([x - B for x in big])


def gen_ret():
    yield 1
    return 5


print(list(gen_ret()), [x for x in gen_ret()])
for x in gen_ret():
    print('for', x)


def gen_err():
    yield 1
    raise ValueError('in gen')


try:
    print(list(gen_err()))
except ValueError as e:
    print('list raised', e)
try:
    for x in gen_err():
        print('got', x)
except ValueError as e:
    print('for raised', e)
