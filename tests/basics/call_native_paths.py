# Python functions called from native code: sort keys, map/filter, min/max
# keys, bound methods as callbacks, special methods and __init__ with
# defaults, closures, generators, errors raised through these paths.


def neg(x):
    return -x


print(sorted([3, 1, 2], key=neg))
print(list(map(neg, [1, 2, 3])))
print(list(filter(lambda x: x % 2, range(7))))
print(min([4, 9, 2], key=neg), max([4, 9, 2], key=neg))


def pair(a, b=10):
    return a + b


print(list(map(pair, [1, 2])))
print(list(map(pair, [1, 2], [3, 4])))


def many(a, b, c, d, e, f, g, h, i, j=0):
    return a + b + c + d + e + f + g + h + i + j


print(many(*range(9)), many(*range(10)))


class K:
    def __init__(self, base=100):
        self.base = base

    def key(self, x):
        return self.base - x

    def key2(self, x, y=5):
        return x * y

    def wide(self, a, b, c, d, e, f, g, h, i=1):
        return self.base + a + b + c + d + e + f + g + h + i


k = K()
print(sorted([5, 7, 6], key=k.key))
print(list(map(k.key2, [1, 2])))
print(list(map(k.key2, [1, 2], [3, 4])))
m = k.wide
print(m(1, 2, 3, 4, 5, 6, 7, 8), m(1, 2, 3, 4, 5, 6, 7, 8, 9))
print(K(7).base, K().base)


class V:
    def __init__(self, x, y=0, *, z=None):
        self.x = x
        self.y = y
        self.z = z

    def __lt__(self, o, unused=None):
        return self.x < o.x

    def __eq__(self, o, unused=None):
        return self.x == o.x

    def __hash__(self, unused=1):
        return self.x

    def __getitem__(self, i, scale=2):
        return i * scale

    def __len__(self, extra=0):
        return self.x + extra

    def __repr__(self, tag='V'):
        return '%s(%d)' % (tag, self.x)


a, b = V(1), V(2, 3)
print(a < b, b < a, a == V(1), a == b, hash(a), a[4], len(b), repr(a), b.y)
print(sorted([V(3), V(1), V(2)]))
print(V(1, z=4).z)
print({V(1): 'one'}[V(1)])


def counter(n):
    def step(x):
        return x + n
    return step


print(list(map(counter(10), [1, 2])))


def gen(n, start=0):
    for i in range(start, n):
        yield i


print(list(map(list, map(gen, [2, 3]))))


def bad(x):
    return 1 // x


try:
    sorted([1, 0], key=bad)
except ZeroDivisionError:
    print('ZeroDivisionError')

try:
    list(map(pair, [1], [2], [3]))
except TypeError:
    print('TypeError')

try:
    V()
except TypeError:
    print('TypeError')


class W:
    def __init__(self, x=0):
        return x or None


print(type(W()).__name__)
try:
    W(1)
except TypeError:
    print('TypeError')


def deep(n):
    return sorted([n, n], key=deep2)


def deep2(n):
    return deep(n)


try:
    deep(1)
except RuntimeError:
    print('RuntimeError')
