x = 'g'
def outer():
    x = 'o'
    def mid():
        global x
        x = 'changed global'
        def inner():
            return x
        return inner()
    r = mid()
    return r, x
print(outer(), x)
def a():
    v = 1
    def b():
        nonlocal v
        v += 1
        def c():
            nonlocal v
            v *= 10
        c()
    b()
    return v
print(a())
