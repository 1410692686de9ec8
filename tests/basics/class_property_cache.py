# Property getters/setters called directly from LOAD_ATTR/STORE_ATTR, and
# class lookups that remember misses: later changes to classes must show.
class P:
    def __init__(self):
        self._v = 1
        self.plain = "p"

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        self._v = x * 10

    @property
    def ro(self):
        return "ro"


p = P()
for i in range(3):
    p.v = p.v + i
    p.plain = p.plain + "!"
print(p.v, p._v, p.plain, p.ro)
try:
    p.ro = 5
except AttributeError:
    print("AttributeError ro")
# A name missing from the class (a cached miss) that the class gains.
def get_extra(o):
    try:
        return o.extra
    except AttributeError:
        return "none"
print([get_extra(p) for _ in range(3)])
P.extra = "class extra"
print([get_extra(p) for _ in range(2)])
# A plain instance attribute that becomes a property of the class.
def store_w(o, x):
    o.w = x
    return o.__dict__.get("w", "not in dict")
print(store_w(p, 1), store_w(p, 2))
P.w = property(lambda self: "w getter", lambda self, x: print("w setter", x))
print(store_w(p, 3), P().w)
del P.w
print(store_w(p, 4), p.w)
# Subclasses: an override, a getter raising, a setter that is not a
# function.
class Q(P):
    @property
    def v(self):
        return "Q.v"
q = Q()
print(q.v, q._v)
try:
    q.v = 3
except AttributeError:
    print("AttributeError Q.v")
class R(P):
    @property
    def bad(self):
        raise ValueError("bad getter")
try:
    R().bad
except ValueError as e:
    print("ValueError", e)
class S:
    def _set(self, x):
        self.__dict__["s"] = x
    s = property(lambda self: self.__dict__.get("s"), _set)
    def __setattr__(self, k, v):
        print("setattr", k, v)
        object.__setattr__(self, k, v)
s = S()
s.s = 5
s.t = 6
print(s.s, s.t)
# A getter that is a generator function, and one with a default arg.
class G:
    @property
    def gen(self):
        yield 1
        yield 2
    def _d(self, extra=5):
        return extra
    d = property(_d)
print(list(G().gen), G().d)
