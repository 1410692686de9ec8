# Attributes of built-in modules read in loops (LOAD_ATTR and LOAD_METHOD
# remember a module's static attributes): values, functions, names the
# module answers dynamically, and missing names, at the same sites.
import math
import sys


def use(m, n):
    out = []
    for i in range(n):
        out.append((m.__name__, callable(m.sqrt), m.sqrt(16), m.floor(2.5), round(m.pi, 3)))
    return out


print(use(math, 3))


def dyn():
    return [(type(sys.argv).__name__, sys.byteorder in ("little", "big"), sys.maxsize > 0) for _ in range(3)]


print(dyn())


def missing(m):
    r = []
    for _ in range(3):
        try:
            m.no_such_thing
        except AttributeError:
            r.append("AttributeError")
        try:
            m.no_such_thing()
        except AttributeError:
            r.append("AttributeError()")
    return r


print(missing(math))


class Fake:
    __name__ = "fake"

    def sqrt(self, x):
        return "fake sqrt"

    def floor(self, x):
        return "fake floor"

    pi = 1.0


# Another object at the same sites after the module.
print(use(Fake(), 2))
print(use(math, 1))
