def adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders()])
def late():
    return [lambda x: x + i for i in range(3)]
print([f(10) for f in late()])
def make_acc(start):
    total = [start]
    def acc(n):
        total[0] += n
        return total[0]
    return acc
a = make_acc(100)
a(1)
print(a(2))
def outer():
    v = 'outer'
    def mid():
        def inner():
            return v
        return inner
    return mid()()
print(outer())
def cell_after():
    def f():
        return val
    val = 42
    return f()
print(cell_after())
