def run():
    ns = {'base': 10}
    exec('def f(x):\n    return base + x\nres = f(5)', ns)
    return ns['res']
print(run())
code = 'total = 0\nfor i in range(5):\n    total += i\n'
g = {}
exec(code, g)
print(g['total'])
print(eval('[n for n in range(k)]', {'k': 3}))
