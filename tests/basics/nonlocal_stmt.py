def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    inc(); inc()
    return n, inc
n, inc = outer()
print(n, inc(), inc())
def a():
    x = 1
    def b():
        x = 2
        def c():
            nonlocal x
            x = 3
        c()
        return x
    return b(), x
print(a())
def counter():
    count = 0
    def get():
        return count
    def bump():
        nonlocal count
        count += 10
    return get, bump
g, b = counter()
b(); b()
print(g())
