# Property getters and setters called straight from LOAD_ATTR/STORE_ATTR
# (as a CALL): errors, recursion, defaults, closures, generators, and a
# property replaced after the sites were filled.


class Box:
    def __init__(self, v):
        self._v = v
        self.log = []

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        if x < 0:
            raise ValueError("negative")
        self.log.append(x)
        self._v = x
        return 123  # ignored

    @property
    def bad(self):
        return self._missing

    @property
    def extra(self, k=5):
        return self._v + k

    @property
    def gen(self):
        yield self._v
        yield self._v + 1

    @property
    def none(self):
        return None


def read_all(b):
    out = []
    for _ in range(3):
        out.append(b.v)
        out.append(b.extra)
    return out


b = Box(2)
print(read_all(b))
for i in range(4):
    b.v = i
print(b.v, b.log)
try:
    b.v = -1
except ValueError as e:
    print("ValueError", e)
print(b.v)
for _ in range(2):
    try:
        b.bad
    except AttributeError:
        print("AttributeError")
print(list(b.gen), b.none)


def make():
    k = 10

    class C:
        @property
        def p(self):
            return k + 1

    return C()


c = make()
print([c.p for _ in range(3)])


# Deep recursion through a getter is a RuntimeError.
class Deep:
    @property
    def down(self):
        return self.down


d = Deep()
try:
    d.down
except RuntimeError:
    print("RuntimeError")


# Replacing the property after the sites were filled.
def probe(o):
    return o.v


print(probe(b), probe(b))
Box.v = property(lambda self: "new")
print(probe(b), probe(b))


class Getter:
    def __init__(self):
        self.n = 0

    def get(self, *args):
        self.n += 1
        return len(args)

    p = property(get)


g = Getter()
print([g.p for _ in range(3)], g.n)
