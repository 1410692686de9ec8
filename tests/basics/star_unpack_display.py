a = [1, 2]
b = (3, 4)
x, *y = a + list(b)
print(x, y)
print(*a, *b, sep=',')
def f(*args):
    return args
print(f(*a, *b), f(*a, 0, *b, 9))
print(f(*range(3), *'xy', *{'k': 1}))
