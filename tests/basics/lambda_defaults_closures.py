ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b, 'neg': lambda a, b=None: -a}
print(sorted((k, f(3, 4)) for k, f in ops.items()))
mk = lambda n: (lambda x: x ** n)
sq, cube = mk(2), mk(3)
print(sq(5), cube(2))
print(list(map(lambda p: p[0] * p[1], zip([1, 2, 3], [4, 5, 6]))))
print((lambda *a, **k: (a, sorted(k)))(1, 2, x=3))
