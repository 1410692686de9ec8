# Per-instruction, per-class attribute caches (LOAD_ATTR of class values
# and properties, STORE_ATTR plain stores and property setters,
# LOAD_METHOD) must see every change made after they are warm.


class Base:
    kind = "base"
    limit = 10

    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        self._v = min(x, self.limit)

    def who(self):
        return "Base"


class A(Base):
    kind = "a"

    def who(self):
        return "A"


class B(Base):
    limit = 3


class C(Base):
    def __init__(self, v):
        self.extra = 0
        Base.__init__(self, v)


def read_kind(o):
    return o.kind


def read_v(o):
    return o.v


def bump(o, n):
    o.v = o.v + n


def who(o):
    return o.who()


objs = [Base(1), A(2), B(3), C(4)]
for _ in range(3):
    print([read_kind(o) for o in objs], [read_v(o) for o in objs], [who(o) for o in objs])
    for o in objs:
        bump(o, 5)

# A plain class value replaced by another (read live), then by a property.
for i in range(3):
    Base.kind = "base%d" % i
    print([read_kind(o) for o in objs])
A.kind = property(lambda self: "prop-a")
print([read_kind(o) for o in objs])
del A.kind
print([read_kind(o) for o in objs])

# An instance gains an attribute shadowing a class value, then loses it.
o = objs[2]
print(read_kind(o))
o.kind = "own"
print(read_kind(o), [read_kind(x) for x in objs])
del o.kind
print(read_kind(o))

# A property added to a subclass after the base's value was cached.
print([read_kind(x) for x in objs])
B.kind = property(lambda self: "prop-b")
print([read_kind(x) for x in objs])

# The getter and setter replaced after being cached.
print([read_v(x) for x in objs])
Base.v = property(lambda self: self._v * 100, lambda self, x: setattr(self, "_v", -x))
print([read_v(x) for x in objs])
for x in objs:
    bump(x, 1)
print([x._v for x in objs])

# A plain value shadowing the property in a subclass.
C.v = 7
print([read_v(x) for x in objs])
try:
    bump(objs[3], 1)
except Exception as e:
    print(type(e).__name__)
print(sorted(objs[3].__dict__.items()), read_v(objs[3]))

# Plain stores warm, then __setattr__ added to a base.
class S:
    def __init__(self):
        self.x = 0


def store_x(o, v):
    o.x = v


s = S()
for i in range(3):
    store_x(s, i)
print(s.x)
S.__setattr__ = lambda self, n, v: object.__setattr__(self, n, v * 2)
store_x(s, 5)
print(s.x)
del S.__setattr__
store_x(s, 5)
print(s.x)

# A property added later to a class whose plain stores were warm.
class T:
    pass


t = T()
for i in range(3):
    store_x(t, i)
print(t.x)
T.x = property(lambda self: "tx", lambda self, v: print("set", v))
store_x(t, 9)
print(sorted(t.__dict__.items()))

# A method shadowed by an instance attribute, then restored.
class M:
    def m(self):
        return "method"


def call_m(o):
    return o.m()


mo = M()
print(call_m(mo), call_m(mo))
mo.m = lambda: "own"
print(call_m(mo))
del mo.m
print(call_m(mo))

# A class made again after the cache is warm: same names, new values.
def make(tag):
    class K:
        kind = tag

        @property
        def p(self):
            return tag + "!"

        def m(self):
            return tag + "?"

    return K


def use(o):
    return o.kind, o.p, o.m()


for tag in ("one", "two", "three"):
    k = make(tag)()
    print(use(k), use(k))

# Attributes read off classes themselves: counters, values shadowed by a
# subclass later, deleted, replaced by functions and back, static and
# class methods, names the class answers itself, several classes at one
# site.
class Top:
    count = 0
    tag = "top"

    def f(self):
        return "f"

    @staticmethod
    def s():
        return "s"

    @classmethod
    def c(cls):
        return cls.__name__


class Mid(Top):
    pass


class Low(Mid):
    pass


def read_tag(k):
    return k.tag


def count_up():
    Top.count += 1
    return Top.count


print([count_up() for _ in range(4)])
print([read_tag(k) for k in (Top, Mid, Low, Top, Low)])
Mid.tag = "mid"
print([read_tag(k) for k in (Top, Mid, Low)])
del Mid.tag
print([read_tag(k) for k in (Top, Mid, Low)])
Top.tag = lambda self: "fn"
print([read_tag(k)(None) for k in (Top, Mid, Low)])
Top.tag = "again"
print([read_tag(k) for k in (Top, Mid, Low)])
for _ in range(2):
    print(Low.f(Low()), Low.s(), Low.c(), Low.__name__, Mid.__bases__ == (Top,))
for _ in range(2):
    try:
        Low.missing
    except AttributeError:
        print("AttributeError")
Top.missing = 1
print(Low.missing)
