exec('a = 5')
print(a)
ns = {}
exec('b = 6\nc = b * 2', ns)
print(ns['b'], ns['c'])
exec('def sq(n): return n * n', ns)
print(ns['sq'](9))
g = {'k': 3}
exec('k = k + 1', g)
print(g['k'])
exec('for i in range(3): print("loop", i)')
def f():
    exec('q = 1')
    return 'ok'
print(f())
print(exec('1'))
