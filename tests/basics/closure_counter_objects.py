def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc1, get1 = make_counter()
inc2, get2 = make_counter()
inc1(); inc1(5); inc2(100)
print(get1(), get2())
def compose(*fs):
    def h(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return h
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
def memo(f):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(40))
