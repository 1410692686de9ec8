def gen(n):
    for i in range(n):
        yield i * 2
print(list(gen(4)))
g = gen(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print('exhausted')
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def with_return():
    yield 1
    return 'value'
g = with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print('stop value', e.value)
print(type(gen(1)).__name__)
