def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2))
print(f(1, c=5, b=4))
try:
    f(1, 2)
except TypeError:
    print('positional b rejected')
try:
    f(1)
except TypeError:
    print('missing b')
def g(*args, key=None, **rest):
    return args, key, sorted(rest)
print(g(1, 2, key='k', z=1, a=2))
