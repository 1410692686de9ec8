# Positional calls that leave trailing parameters to their defaults, through
# the bytecode calls, methods, __init__ and special methods.
def add(a, b=10, c=100):
    return a + b + c
for i in range(3):
    print(add(i), add(i, 1), add(i, 1, 2))
print(add(1, c=5), add(a=2), add(3, b=0, c=0))
try:
    add()
except TypeError:
    print("TypeError")
try:
    add(1, 2, 3, 4)
except TypeError:
    print("TypeError")

# A mutable default is shared across calls.
def push(x, acc=[]):
    acc.append(x)
    return acc
for i in range(3):
    r = push(i)
print(r, push(9, []), push(4))

# *args with defaults.
def va(a, b=2, *rest):
    return a, b, rest
print(va(1), va(1, 3), va(1, 3, 4, 5))

# Closures with defaults.
def outer(k):
    def inner(x, y=k):
        return x * y
    return inner
m = outer(3)
print(m(2), m(2, 5))

class Counter:
    def __init__(self, start=0, step=1):
        self.n = start
        self.step = step
    def add(self, w, n=1):
        self.n += n * self.step
        return self.n
    def __getitem__(self, i, extra=1000):
        return i + extra
    def __call__(self, a, b=7):
        return a - b
c = Counter()
for w in ("a", "b", "c"):
    c.add(w)
print(c.n, c.add("x", 5), Counter(10).add("y"), Counter(1, 2).add("z", 3))
print(c[5], c(10), c(10, 1))
f = c.add
print(f("q"), f("q", 10))
try:
    Counter(1, 2, 3)
except TypeError:
    print("TypeError")

class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
ps = [Point(i) for i in range(3)]
print([(p.x, p.y) for p in ps], Point(1, 2).y)

# Other callables in the same call sites: bound methods, native types,
# and classes with and without __init__.
class Empty:
    pass
for g in (len, list, Counter, c.add, str):
    try:
        r = g("ab")
        print(type(r).__name__)
    except TypeError:
        print("TypeError")
print(type(Empty()).__name__)
n = 5
try:
    n()
except TypeError:
    print("TypeError")
