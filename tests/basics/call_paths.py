# Python->Python calls down each binding path: exact arity, missing
# arguments with defaults, too many or too few, keywords, closures,
# generators, methods, classes, and the errors on each.


def f2(a, b):
    return (a, b)


def fd(a, b=2, c=3):
    return (a, b, c)


def mk(y):
    def g(a, b=10):
        return a + b + y
    return g


def gen(a, b=1):
    yield a
    yield b


def kwo(a, *, k=5):
    return (a, k)


def star(*args, **kw):
    return (args, sorted(kw.items()))


def errs(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except TypeError:
        print('TypeError')


for i in range(3):
    print(f2(i, i + 1), fd(i), fd(i, 0), fd(i, 0, 1), fd(i, c=9), fd(b=i, a=1))
g = mk(100)
for i in range(3):
    print(g(i), g(i, 1), g(b=2, a=i), list(gen(i)), list(gen(i, 7)), kwo(i), kwo(i, k=i))
print(star(), star(1, 2), star(1, x=2))

# Arity mismatches at a site that was fast before.
for args in [(1, 2), (1,), (1, 2, 3), ()]:
    errs(f2, *args)
for args in [(), (1, 2, 3, 4)]:
    errs(fd, *args)
errs(fd, 1, a=2)
errs(fd, 1, d=2)
errs(g)
errs(gen)
errs(kwo, 1, 2)


class A:
    def m(self, x, y=1):
        return x + y

    def __init__(self, v=0):
        self.v = v


a = A(3)
for i in range(3):
    print(a.m(i), a.m(i, 2), a.m(y=5, x=i), A().v, A(i).v, A(v=i).v)
errs(a.m)
errs(a.m, 1, 2, 3)
errs(A, 1, 2)


# Recursion through a default-argument call.
def depth(n, acc=0):
    if n == 0:
        return acc
    return depth(n - 1, acc + 1)


print(depth(50))


def deep(n, k=0):
    return deep(n + 1)


try:
    deep(0)
except RuntimeError:
    print('RuntimeError')
