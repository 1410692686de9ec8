def g():
    yield 'only'
it = g()
print(next(it, None), next(it, None), next(it, 'x'))
print(next(iter([]), 'empty'))
