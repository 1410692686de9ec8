def f():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
try:
    f()
except ValueError as e:
    print('got', e.args)
def g():
    try:
        raise KeyError(1)
    except KeyError as e:
        return e.args
print(g())
try:
    raise IndexError('x')
except (IndexError, KeyError) as e:
    err = e
print(type(err).__name__, err.args)
