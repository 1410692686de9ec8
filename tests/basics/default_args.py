def f(a, b=2, c=[]):
    c.append(a)
    return a + b, c
print(f(1))
print(f(2, 3))
print(f(3)[1])
val = 10
def g(x=val):
    return x
val = 20
print(g())
def h(a, b=None):
    if b is None:
        b = []
    b.append(a)
    return b
print(h(1), h(2))
def k(a=1, *, b=2):
    return a, b
print(k(), k(5), k(b=9))
