def f(a, b=1):
    'doc'
    return a
print(f.__name__)
g = f
print(g.__name__, g is f, g(5))
def outer():
    def inner():
        pass
    return inner
print(outer().__name__)
print(type(f).__name__, callable(f))
