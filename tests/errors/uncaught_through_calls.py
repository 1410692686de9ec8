# exit: 1
# Exceptions through nested Python calls (run inside one dispatch loop on
# desktop builds): raised 3 frames deep, caught in the middle and
# re-raised, through finally blocks, after deep recursion, and finally
# uncaught through a method call with its traceback printed.
def c(n):
    if n > 0:
        raise ValueError('deep %d' % n)
    return n


def b(n):
    try:
        return c(n) + 1
    except ValueError as e:
        print('b caught', e)
        raise


def a(n, m=1):
    return b(n) * m


print(a(0), a(0, 5))
try:
    a(2)
except ValueError as e:
    print('main caught', e)


def handled(n):
    try:
        return c(n)
    except ValueError:
        return -1
    finally:
        print('finally', n)


print(handled(0), handled(5))


def depth(n):
    return depth(n + 1)


for i in range(2):
    try:
        depth(0)
    except RuntimeError:
        print('recursion', i)


def add(x, y=10):
    return x + y


def outer(k):
    def inner(x):
        return add(x, k)
    return inner(1) + inner(2)


print(sum(add(i) for i in range(5)), add(1, 2), outer(3))


class K:
    def m(self, n):
        return a(n)


print(K().m(0))
K().m(3)
