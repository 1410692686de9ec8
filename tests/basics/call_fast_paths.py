# Call shapes with fast paths: __init__ bound with self, special methods,
# properties, keyword binding by name, defaults, closures, *args/**kw.


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __add__(self, o):
        return P(self.a + o.a, self.b + o.b)

    @property
    def total(self):
        return self.a + self.b


p = P(1, 2) + P(10, 20)
print(p.a, p.b, p.total)


class Many:
    def __init__(self, a, b, c, d, e, f, g, h=8, i=9):
        self.s = a + b + c + d + e + f + g + h + i


print(Many(1, 2, 3, 4, 5, 6, 7).s)
print(Many(1, 2, 3, 4, 5, 6, 7, 80).s)
try:
    Many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
except TypeError:
    print("TypeError")


class Cl:
    def __init__(self, *a, **k):
        self.n = len(a) + len(k)


print(Cl(1, 2, x=3).n, Cl().n)


class Bad:
    def __init__(self):
        return 1


try:
    Bad()
except TypeError as e:
    print("TypeError")


class Raises:
    def __init__(self, x):
        raise ValueError(x)


try:
    Raises(5)
except ValueError as e:
    print("ValueError", e)


def kw(a, b, c=3, *, d=4, e):
    return (a, b, c, d, e)


print(kw(1, 2, e=5))
print(kw(e=5, b=2, a=1))
print(kw(1, c=30, b=20, e=50, d=40))
try:
    kw(1, 2, a=1, e=5)
except TypeError:
    print("TypeError")
try:
    kw(1, 2, f=1, e=5)
except TypeError:
    print("TypeError")
try:
    kw(1, 2)
except TypeError:
    print("TypeError")


def star(*a, **k):
    return a, sorted(k.items())


print(star(1, 2), star(), star(1, x=2))


def mk(k):
    def g(x, y=10):
        return x + y + k
    return g


g = mk(100)
print(g(1), g(1, 2))


def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)


print(rec(50))
