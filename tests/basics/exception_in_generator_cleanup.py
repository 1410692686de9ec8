def g():
    try:
        yield 1
        raise ValueError('from gen')
    except ValueError as e:
        yield 'handled ' + e.args[0]
    yield 3
print(list(g()))
def h():
    yield 1
    1 / 0
it = h()
print(next(it))
try:
    next(it)
except ZeroDivisionError:
    print('zde from generator')
print(list(it))
