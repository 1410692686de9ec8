def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('caught in gen', e)
        yield 'recovered'
    finally:
        print('gen finally')
it = g()
print(next(it))
print(it.throw(ValueError('x')))
it.close()
print('closed')
def h():
    try:
        yield 1
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
k = h()
next(k)
k.close()
k.close()
def m():
    yield 1
x = m()
try:
    x.throw(KeyError(5))
except KeyError as e:
    print('propagated', e)
print(list(x))
