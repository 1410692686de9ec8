# Generators consumed whole by list(), list.extend(), str.join(), sum(),
# all() and any(): the items, the values the yields see, the order of
# side effects, early stops and errors.


def g(n):
    for i in range(n):
        x = yield i
        if x is not None:
            print("sent", x)


print(list(g(5)))
print(",".join(str(i) for i in range(5)))
print(sorted(x for x in [3, 1, 2]))

# Side effects between items see the list as it grows.
out = [1, 2]


def watch():
    yield len(out)
    yield len(out)
    yield from g(3)
    yield len(out)


out.extend(watch())
print(out)


# An exception part way: the items before it are not kept.
def bad():
    yield 1
    raise ValueError("bad")


try:
    print(list(bad()))
except ValueError as e:
    print("ValueError", e)


# Nested consumers inside a drained generator.
def nest():
    yield list(x * 2 for x in range(3))
    yield "".join(c for c in "ab")
    yield sum(x for x in range(4))


print(list(nest()))

# A partly used generator, then an exhausted one.
gg = (i for i in range(3))
print(next(gg), list(gg), list(gg))


def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally")


print(list(fin()))


# A generator consuming itself.
def selfref():
    yield 1
    yield list(sg)


sg = selfref()
try:
    print(list(sg))
except ValueError as e:
    print("ValueError", e)

# sum: small ints, floats, big ints, a start value, overflow past small ints.
print(sum(x for x in range(10)), sum((x for x in range(5)), 10), sum(x * 0.5 for x in range(4)))
print(sum(x for x in [1, 2.5, 3, 2**70, 4]))
print(sum(x for x in [2**61, 2**61, 2**61, -(2**62)]))
print(sum(x for x in [-(2**62), -(2**62), -(2**62)]))


class A:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        print("add", self.v, o)
        return A(self.v + o)

    def __radd__(self, o):
        print("radd", self.v, o)
        return A(self.v + o)


print(sum(x for x in [1, A(2), 3, 4]).v)


# The consumer's own code resumes the generator being summed.
def evil():
    yield 1
    yield 10
    yield 2
    yield 3


eg = evil()


class C:
    def __radd__(self, o):
        print("next", next(eg))
        return o


print(sum(x for x in [1, C(), 2]), list(eg))
eg = evil()
print(sum(C() if x == 10 else x for x in eg))

# all / any: early stops leave the generator where it stopped.
print(all(x for x in [1, 2, True]), all(x for x in [1, 0, 2]), all(x for x in []))
print(any(x for x in [0, None, False, ""]), any(x for x in [0, "a"]), any(x for x in []))


def ga():
    yield 1
    yield 0
    print("resumed")
    yield 1


g2 = ga()
print(all(g2), next(g2), list(g2))
g3 = (x for x in [0, 5, 0, 7])
print(any(g3), list(g3))


class B:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool", self.v)
        return self.v


print(all(B(x) for x in [True, True, False, True]))
print(any(B(x) for x in [False, True, False]))
print(all(x for x in [1, "", 2]), any(x for x in [0, (), [0]]))
