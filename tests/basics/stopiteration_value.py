def g():
    yield 1
    return 42
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
e = StopIteration(7)
print(e.value)
e = StopIteration()
print(e.value)
def wrap():
    v = yield from g()
    yield v
print(list(wrap()))
