def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], *(3,), 4))
print(f(**{'a': 1}, b=2, **{'c': 3}))
print(f(1, *range(2), x=1, **dict(y=2)))
def g(a, b, c):
    return a * 100 + b * 10 + c
print(g(*[1, 2, 3]), g(1, *[2, 3]), g(c=3, **{'a': 1, 'b': 2}))
print(*[1, 2, 3], sep='-')
print(*'abc')
print(*())
