try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('wrapped') from e
except ValueError as e:
    print(e, type(e.__cause__).__name__ if hasattr(e, '__cause__') else 'ZeroDivisionError')
try:
    raise KeyError('k') from None
except KeyError as e:
    print('from None', e.args)
def f():
    raise RuntimeError('in f')
try:
    f()
except RuntimeError as e:
    print('caught', e)
