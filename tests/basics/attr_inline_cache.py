# Per-instruction attribute caches must never return a stale answer:
# instances of different shapes at one site, deletions that move or
# remove an attribute, properties and __setattr__ added after the cache
# was filled, and deletion through STORE_ATTR.


class A:
    pass


def make(order):
    o = A()
    for name in order:
        setattr(o, name, name.upper())
    return o


def get_x(o):
    return o.x


def set_x(o, v):
    o.x = v


objs = [make("xyz"), make("zyx"), make("yxz"), make("x"), make("abcdefghijx")]
for _ in range(3):
    print([get_x(o) for o in objs])
for i, o in enumerate(objs):
    set_x(o, i)
print([get_x(o) for o in objs])

# Deleting an attribute, then re-adding it at another position.
o = make("xy")
print(get_x(o))
del o.x
try:
    get_x(o)
except AttributeError as e:
    print("AttributeError", e)
o.z = 5
o.x = 7
print(get_x(o), sorted(o.__dict__.items()))
set_x(o, 8)
print(o.x)


def del_x(o):
    del o.x


del_x(o)
try:
    del_x(o)
except AttributeError:
    print("AttributeError on second del")
print(hasattr(o, "x"))


# A class attribute found until the instance shadows it.
class B:
    x = "class"


b = B()
print(get_x(b))
set_x(b, "inst")
print(get_x(b), B.x)
del b.x
print(get_x(b))


# A property added to the class after the store site was cached.
class C:
    pass


c = C()
for v in range(3):
    set_x(c, v)
print(c.x)


def getter(self):
    return "prop"


def setter(self, v):
    print("setter", v)


del c.x
C.x = property(getter, setter)
set_x(c, 42)
print(get_x(c))


# __setattr__ added after the cache was filled.
class D:
    pass


d = D()
set_x(d, 1)
set_x(d, 2)


def hook(self, name, value):
    print("hook", name, value)


D.__setattr__ = hook
set_x(d, 3)
print(d.x)


# Many instances with many attributes (a table with an index).
class E:
    pass


es = []
for i in range(20):
    e = E()
    for k in range(i + 1):
        setattr(e, "a%d" % k, k)
    e.x = i
    es.append(e)
print(sum(get_x(e) for e in es))
for e in es:
    set_x(e, get_x(e) * 2)
print(sum(get_x(e) for e in es))

# Non-instances at the same sites.
import sys


class M:
    pass


print(get_x(M) if hasattr(M, "x") else "no x")
M.x = 3
print(get_x(M))
set_x(M, 4)
print(M.x)
