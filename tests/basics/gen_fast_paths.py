# Generator resume paths: a `for` loop, next(), send(), throw(), close(),
# `yield from` delegation, the return value in StopIteration.value, re-entry,
# and map/filter over lists.

def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return 'done'

print(list(counter(5)))
for x in counter(3):
    print('for', x)

g = counter(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)
try:
    next(g)
except StopIteration as e:
    print('stop again', e.value)

# send and the value of a yield expression
def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total

a = acc()
print(next(a))
for i in range(1, 5):
    print('sent', a.send(i))
try:
    a.send(None)
except StopIteration as e:
    print('acc returned', e.value)

try:
    acc().send(1)
except TypeError as e:
    print('TypeError')

# already executing
def reenter():
    yield next(me)

me = reenter()
try:
    next(me)
except ValueError as e:
    print('ValueError', e)

# exceptions inside the generator, and after it finished
def raiser():
    yield 1
    raise KeyError('k')

r = raiser()
print(next(r))
try:
    next(r)
except KeyError as e:
    print('KeyError', e.args)
print(list(r))

# StopIteration raised inside a generator body is a RuntimeError in 3.11
# (not tested); a generator returning ends a for loop
def early():
    yield 1
    return 2
    yield 3

print([x for x in early()])

# throw and close, with finally
def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('caught', e)
        yield 'after'
    finally:
        print('finally')

g = guarded()
print(next(g))
print(g.throw(ValueError('v')))
g.close()
print('closed')
g.close()

def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2

g = ignore_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print('RuntimeError')

# yield from two levels deep: values, send, throw, close, return value
def inner():
    try:
        x = yield 'i1'
        print('inner got', x)
        y = yield 'i2'
        print('inner got', y)
    except KeyError as e:
        print('inner caught', e.args)
        yield 'i3'
    finally:
        print('inner finally')
    return 'inner-ret'

def middle():
    r = yield from inner()
    print('middle got', r)
    return 'middle-ret'

def outer():
    r = yield from middle()
    print('outer got', r)
    yield 'o-end'

print(list(outer()))

o = outer()
print(next(o))
print(o.send('s1'))
print(o.send('s2'))
print(list(o))

o = outer()
print(next(o))
print(o.throw(KeyError('t')))
o.close()
print('outer closed')

o = outer()
next(o)
try:
    o.throw(IndexError('x'))
except IndexError as e:
    print('propagated', e)
print(list(o))

# yield from a non-generator iterator
def from_list():
    r = yield from [1, 2, 3]
    print('list ret', r)
print(list(from_list()))

# generator expressions consumed by built-ins
print(sum(x for x in range(10)), list(x * x for x in range(4)))
print(all(x < 5 for x in range(5)), any(x > 3 for x in range(5)))

# map and filter over lists
L = [0, 1, -2, 3, None, '', 'a', 0.0, 4, False, True]
print(list(filter(None, L)))
print(list(map(bool, L)))
print(list(map(abs, [1, -2, 3])), list(map(lambda x: x + 1, (1, 2))))
print(list(filter(lambda x: x, [0, 1, 2])))
m = map(abs, [])
print(list(m), list(m))
big = [1 << 70, 0, -(1 << 70)]
print(list(filter(None, big)))
lst = [1, 2]
m = map(str, lst)
print(next(m))
lst.append(3)
print(list(m))
for i, x in enumerate(counter(3)):
    print(i, x)
for a, b in zip(counter(2), counter(3)):
    print(a, b)
try:
    for i, x in enumerate(raiser()):
        print('enum', i, x)
except KeyError as e:
    print('enum raised', e.args)
try:
    for a, b in zip([1, 2], raiser()):
        print('zip', a, b)
except KeyError as e:
    print('zip raised', e.args)
for k, v in {'a': 1}.items():
    print(k, v)
