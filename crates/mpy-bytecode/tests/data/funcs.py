def defaults(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw

def outer(n):
    total = 0
    def inner(k):
        nonlocal total
        total += k
        return total
    for i in range(n):
        inner(i)
    return inner

g = lambda x, y=3: x * y
print(defaults(1, c=3), outer(5)(1), g(2))
print(*[1, 2], **{'sep': '-'})

def gen(n):
    yield 1
    yield from range(n)
    x = yield
    return x

def deep():
    def a():
        def b():
            def c():
                return 1
            return c
        return b
    return a
