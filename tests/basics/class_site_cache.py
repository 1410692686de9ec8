# Per-instruction method caches and class-call fast paths must see every
# change: methods replaced, deleted or shadowed after being cached, other
# classes at the same call site, classes made again after collection,
# properties and __getattr__ added later, __init__ added or removed.
import gc


class A:
    def m(self):
        return "A.m"


class B(A):
    def m(self):
        return "B.m"


def call_m(o):
    return o.m()


a, b = A(), B()
print([call_m(x) for x in (a, b, a, b)])

# Replaced in place after caching.
for i in range(3):
    print(call_m(a))
    A.m = lambda self, i=i: "new A.m %d" % i

# Deleted from the subclass: the base's method shows through.
print(call_m(b))
del B.m
print(call_m(b))
B.m = lambda self: "B.m again"
print(call_m(b))

# Shadowed by an instance attribute after caching.
c = A()
print(call_m(c))
c.m = lambda: "instance m"
print(call_m(c))
del c.m
print(call_m(c))


# A property put in the method's place later.
class P:
    def v(self):
        return "method v"


def call_v(o):
    try:
        return o.v()
    except TypeError as e:
        return "TypeError"


p = P()
print(call_v(p))
P.v = property(lambda self: lambda: "property v")
print(call_v(p))
P.v = property(lambda self: 5)
print(call_v(p))


# __getattr__ once the method is gone.
class G:
    def w(self):
        return "method w"


def call_w(o):
    return o.w()


g = G()
print(call_w(g))
del G.w
G.__getattr__ = lambda self, name: (lambda: "getattr " + name)
print(call_w(g))


# Classes made again and again (some where freed ones were), same site.
def make(k):
    def get(self):
        return k
    return type("K%d" % k, (), {"get": get})


def call_get(o):
    return o.get()


out = []
for k in range(40):
    out.append(call_get(make(k)()))
    if k % 7 == 0:
        gc.collect()
print(out)


# __init__ added and removed after instances were made.
class I:
    pass


print(type(I()).__name__)
I.__init__ = lambda self, x: setattr(self, "x", x)
print(I(7).x)
del I.__init__
print(hasattr(I(), "x"))


# Operators added and replaced later.
class V:
    def __init__(self, x):
        self.x = x


def add(p, q):
    try:
        return (p + q).x
    except TypeError:
        return "TypeError"


print(add(V(1), V(2)))
V.__add__ = lambda self, o: V(self.x + o.x)
print(add(V(1), V(2)))
V.__add__ = lambda self, o: V(self.x * 10 + o.x)
print(add(V(1), V(2)))


# Builtins seen through the cache across collections, then shadowed.
def use_len():
    return len([1, 2, 3])


print(use_len())
gc.collect()
print(use_len())
len = lambda x: "global len"
print(use_len())
del len
gc.collect()
print(use_len())

g2 = {}
exec("def f():\n    return abs(-3)\n", g2)
print(g2["f"]())
gc.collect()
print(g2["f"]())
g2["abs"] = lambda x: "shadowed abs"
print(g2["f"]())
