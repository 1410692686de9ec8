def f(n):
    return f(n + 1)
try:
    f(0)
except RuntimeError as e:
    print('RuntimeError caught:', isinstance(e, RuntimeError))
print('continuing')
