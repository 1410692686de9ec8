def f0(): pass
def f1(a, b): return a + b
def f2(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
def f3(*, a=1, b): return a
def f4(*args): return args
def f5(**kw): return kw
def f6(a, *, b): return b
lam = lambda: 0
lam2 = lambda x, y=1: x + y
lam3 = lambda *a, **k: (a, k)
def outer():
    x = 1
    y = 2
    def mid():
        z = 3
        def inner():
            return x + y + z
        return inner
    return mid
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
    x = yield
    return x
def uses_global():
    global G
    G = 5
    return G
@dec1
@dec2(3)
def decorated(): pass
@a.b.c
def decorated2(): pass
def defaults_closure(a):
    def g(b=a):
        return a + b
    return g
def cellarg(a, b):
    def g():
        return b
    return g
def del_local():
    x = 1
    del x
def star_call(f, a, k):
    f(*a)
    f(**k)
    f(1, *a, 2, **k)
    f(x=1, **k)
    a.m(*a)
    a.m(1, x=2)
    return f(a)(k)
