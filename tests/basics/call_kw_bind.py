# Keyword arguments bound to a plain function's parameters (the fast
# binding and the cases it leaves to the general one).


def f(a, b):
    return (a, b)


def g(a, b=2, c=3):
    return (a, b, c)


def h():
    return 0


print(f(a=1, b=2), f(b=1, a=2), f(1, b=5))
print(g(a=1), g(1, c=9), g(c=7, a=0), g(1, 2, c=4), g(b=8, a=1))
for i in range(3):
    print(g(i, c=i * 10))


def err(fn, *args, **kw):
    try:
        print(fn(*args, **kw))
    except TypeError:
        print("TypeError")


err(f, 1, a=2)
err(f, a=1)
err(f, a=1, c=3)
err(g, b=1)
err(h, x=1)
err(f, 1, 2, b=3)
print(f(**{"a": 5, "b": 6}))
d = {"b": 7}
print(g(1, **d))
# A closure (its cells are its first parameters, not keywords).


def outer(x):
    def inner(a, b=1):
        return x + a + b
    return inner


fn = outer(100)
print(fn(a=1), fn(b=10, a=2))
err(fn, x=1)
# Methods and classes.


class C:
    def __init__(self, v, w=0):
        self.v = v + w

    def m(self, a, b=5):
        return self.v + a + b


c = C(1, w=2)
print(c.v, c.m(a=1), c.m(b=0, a=10), C.m(c, a=2, b=2))
err(c.m, self=1, a=2)
# Cell locals and generators take the general binding.


def cell(a, b=1):
    def k():
        return a + b
    return k()


def gen(a, b=2):
    yield a
    yield b


print(cell(b=5, a=1), list(gen(b=9, a=8)))
# Deep recursion through keyword calls is still a RuntimeError.


def rec(n=0):
    return rec(n=n + 1)


try:
    rec(n=0)
except RuntimeError:
    print("RuntimeError")
# Many parameters (more than one prelude byte of names is rare; many
# names are not).


def many(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10=10, p11=11):
    return p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9 + p10 + p11


print(many(0, 1, 2, 3, 4, 5, 6, 7, 8, p9=9), many(p11=0, p10=0, p9=0, p8=0, p7=0, p6=0, p5=0, p4=0, p3=0, p2=0, p1=0, p0=1))
