def f():
    try:
        raise ValueError('inner')
    except ValueError:
        print('handling')
        raise
try:
    f()
except ValueError as e:
    print('re-raised', e)
try:
    try:
        raise KeyError(1)
    except KeyError:
        raise TypeError('new')
except TypeError as e:
    print('got', e)
def g():
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
    return err
print(type(g()).__name__)
try:
    try:
        raise IndexError
    except IndexError as e:
        print('name bound', type(e).__name__)
    print('e' in dir())
except Exception:
    print('bad')
