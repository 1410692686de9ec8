def g():
    x = yield 'first'
    while x is not None:
        x = yield x * 2
    yield 'end'
it = g()
print(next(it))
print(it.send(5), it.send(10), it.send(None))
try:
    next(it)
except StopIteration:
    print('stopped')
def counter(n):
    i = 0
    while i < n:
        cmd = yield i
        if cmd == 'reset':
            i = 0
        else:
            i += 1
c = counter(5)
print(next(c), next(c), next(c), c.send('reset'), next(c))
