# Method calls (LOAD_METHOD) run repeatedly at one call site, so that any
# cache of what the site found is filled, then changed under it.


class A:
    def m(self):
        return "A.m"


class B(A):
    pass


def call_m(objs):
    return [o.m() for o in objs]


a, b = A(), B()
print(call_m([a, b, a, b]))

# An instance attribute shadows the method, for that instance only.
b.m = lambda: "b's own"
print(call_m([a, b, a, b]))
del b.m
print(call_m([a, b, a, b]))

# The subclass gains its own method; the base's is replaced.
B.m = lambda self: "B.m"
print(call_m([a, b, a, b]))
A.m = lambda self: "A.m2"
print(call_m([a, b, a, b]))
del B.m
print(call_m([a, b, a, b]))

# A plain class value, and a callable instance attribute found first.
A.m = staticmethod(lambda: "static")
print(call_m([a, b]))
A.m = len
try:
    print(call_m([a]))
except TypeError:
    print("TypeError")
A.m = lambda self: "A.m3"
for o in (a, b):
    o.m = lambda: "own"
print(call_m([a, b, a, b]))
del a.m
print(call_m([a, b, a, b]))

# Built-in types' and modules' methods at one site.
import math


def calls(objs):
    out = []
    for o in objs:
        if isinstance(o, list):
            o.append(1)
            out.append(len(o))
        elif isinstance(o, str):
            out.append(o.upper())
        else:
            out.append(o.sqrt(16))
    return out


print(calls([[], "ab", math, [2], "cd", math]))


# A list subclass overriding a built-in method.
class MyList(list):
    def append(self, x):
        super().append(x * 10)


for lst in ([], MyList(), [], MyList()):
    for i in range(2):
        lst.append(i + 1)
    print(lst)

# A missing method: AttributeError, every time.
for o in (a, [], "x"):
    try:
        o.nope()
    except AttributeError:
        print("AttributeError")
