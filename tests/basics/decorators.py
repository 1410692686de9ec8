def trace(f):
    def w(*a, **k):
        print('call', f.__name__, a)
        return f(*a, **k)
    return w
@trace
def add(a, b):
    return a + b
print(add(2, 3))
def repeat(n):
    def deco(f):
        def w(*a):
            return [f(*a) for _ in range(n)]
        return w
    return deco
@repeat(3)
def hi(x):
    return x * 2
print(hi('a'))
def d1(f):
    return lambda: 'd1(' + f() + ')'
def d2(f):
    return lambda: 'd2(' + f() + ')'
@d1
@d2
def base():
    return 'base'
print(base())
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class Foo:
    pass
print(registry)
