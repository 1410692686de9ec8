# STORE_ATTR on new instances: the same instruction appending to tables of
# different shapes, names already present, and class values read through
# instances around such stores.


class P:
    k = "class"

    def __init__(self, pre):
        if pre == 1:
            self.b = "early"
        elif pre == 2:
            try:
                self.__dict__["a"] = "dict"
            except TypeError:
                # (MicroPython: `__dict__` is a read-only snapshot.)
                self.a = "dict"
        elif pre == 3:
            self.k = "own"
        self.a = 1
        self.b = 2

    def show(self):
        return sorted(self.__dict__.items()), self.k


for pre in (0, 0, 1, 0, 2, 3, 0, 1, 1, 2, 0):
    print(pre, P(pre).show())

# Many attributes (past a small table) through one site.
class Q:
    pass


def fill(o, n):
    for i in range(n):
        setattr(o, "x%d" % i, i)
    o.last = n
    return o


for n in (0, 3, 9, 0, 12, 2):
    o = fill(Q(), n)
    print(n, o.last, len(o.__dict__))

# A class value through an instance, then shadowed, deleted, replaced.
class R:
    v = 10


def get(o):
    return o.v


r = R()
s = R()
print(get(r), get(s))
r.v = 20
print(get(r), get(s))
del r.v
print(get(r), get(s))
R.v = 30
print(get(r), get(s))
del R.v
try:
    get(r)
except AttributeError:
    print("AttributeError")
R.v = property(lambda self: "prop")
print(get(r), get(s))
