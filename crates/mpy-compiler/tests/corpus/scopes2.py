def f():
    x: int
    return x
def g():
    y: int = 1
    def h():
        nonlocal y
        del y
    return h
def gen():
    try:
        yield 1
    finally:
        print('x')
def gen2():
    with a:
        yield from b
class K:
    def m(self):
        def inner():
            return __class__
        return inner
    def n(self):
        return [super().n() for _ in range(2)]
def deep():
    a = 1
    def l1():
        def l2():
            def l3():
                return a
            return l3
        return l2
    return l1
x = [[y for y in range(x)] for x in range(3)]
