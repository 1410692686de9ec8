# LOAD_ATTR/STORE_ATTR on instances reaching class attributes: plain class
# values read through an instance, later shadowed by an instance
# attribute, replaced on the class or a subclass, deleted; properties
# (getter, setter, read-only) added after sites ran; many attributes.


class A:
    limit = 5
    tags = ("a",)


class B(A):
    pass


class C(B):
    limit = 7


def read(o):
    return o.limit, o.tags


objs = [A(), B(), C()]
for _ in range(2):
    print([read(o) for o in objs])

b2 = B()
print(read(b2))
b2.limit = 100
print(read(b2), read(B()))
B.limit = 9
print([read(o) for o in objs], read(b2))
del B.limit
A.tags = ("z",)
print([read(o) for o in objs])
del b2.limit
print(read(b2))


class Many:
    scale = 2

    def __init__(self):
        for i in range(15):
            setattr(self, "f%d" % i, i)


m = Many()
for _ in range(2):
    print(m.scale, m.f3, m.f14)
m.scale = 3
print(m.scale, Many().scale)


def bump(o):
    o.level = o.level + 1
    return o.level


class P:
    level = 0


p = P()
print(bump(p), bump(p), P.level)


# A property added to the class after the store/load sites ran.
def getl(self):
    return self._l * 10


def setl(self, v):
    self._l = v


P.level = property(getl, setl)
q = P()
q._l = 1
print(bump(q), bump(q), q._l)


class RO:
    @property
    def v(self):
        return 1


r = RO()
for _ in range(2):
    try:
        r.v = 2
    except AttributeError:
        print("read-only")
    print(r.v)


class WithSetattr:
    x = 1

    def __setattr__(self, name, value):
        print("setattr", name, value)


w = WithSetattr()
for _ in range(2):
    w.x = 5
    print(w.x)
