# Binary ops on user-class instances, run repeatedly so that any per-class
# cache of the operator method is filled, then changed under it.


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        return V(self.x + o.x)

    def __repr__(self):
        return "V(%r)" % self.x


def adds(a, b, n=3):
    r = []
    for _ in range(n):
        r.append(repr(a + b))
    return r


a, b = V(1), V(2)
print(adds(a, b))

# The class's method replaced: the new one is called.
def add2(self, o):
    return V(self.x * 100 + o.x)


V.__add__ = add2
print(adds(a, b))

# An instance attribute of the operator's name is not the operator.
a.__add__ = lambda o: "instance"
print(adds(a, b))
del a.__add__


# A subclass inherits the operator, then defines its own.
class W(V):
    pass


w = W(5)
print(adds(w, b))
W.__add__ = lambda self, o: "W.add"
print(adds(w, b))
del W.__add__
print(adds(w, b))

# The operator deleted from the class: unsupported.
del V.__add__
for _ in range(2):
    try:
        a + b
    except TypeError:
        print("TypeError")


# NotImplemented: the right operand's reflected operator.
class L:
    def __init__(self, ok):
        self.ok = ok

    def __sub__(self, o):
        if self.ok:
            return "L.sub"
        return NotImplemented


class R:
    def __rsub__(self, o):
        return "R.rsub"


for ok in (True, False, True, False):
    print(L(ok) - R())
for _ in range(2):
    try:
        L(False) - 1
    except TypeError:
        print("TypeError")


# In-place operators: __iadd__, else __add__; NotImplemented from
# __iadd__ falls back to __add__.
class I:
    def __init__(self, v, inplace):
        self.v = v
        self.inplace = inplace

    def __iadd__(self, o):
        if self.inplace:
            self.v += o
            return self
        return NotImplemented

    def __add__(self, o):
        return I(self.v + o + 1000, self.inplace)


for flag in (True, False, True, False):
    x = I(1, flag)
    y = x
    for _ in range(3):
        x += 1
    print(flag, x.v, x is y)


class J:
    def __init__(self, v):
        self.v = v

    def __mul__(self, k):
        return J(self.v * k)

    def __rmul__(self, k):
        return J(-self.v * k)


j = J(2)
for _ in range(3):
    j *= 2
print(j.v, (3 * J(1)).v)


# Comparisons in sorting: __lt__ returning bools, other truthy values,
# and a class whose __lt__ changes between sorts.
class K:
    def __init__(self, k):
        self.k = k

    def __lt__(self, o):
        return self.k < o.k

    def __repr__(self):
        return "K%d" % self.k


ks = [K(i * 7 % 5) for i in range(5)]
print(sorted(ks), min(ks))
K.__lt__ = lambda self, o: (o.k - self.k) if o.k > self.k else 0
print([K(i) < K(2) for i in range(4)])
K.__lt__ = lambda self, o: self.k > o.k
print(sorted(ks))
for i in range(3):
    print(K(i) < K(1), K(1) < K(i))

# Classes made one after another (each its own operator).
out = []
for i in range(4):
    class C:
        def __init__(self, n):
            self.n = n

        def __add__(self, o, i=i):
            return self.n + o + i

    for _ in range(2):
        out.append(C(10) + 1)
print(out)
