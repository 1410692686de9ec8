# The compiler must stay usable after many failures.
bad = ['x = (', 'def', 'if 1', '"', '1 +* 2', 'return', ')(']
n = 0
for i in range(20):
    for src in bad:
        try:
            exec(src)
        except SyntaxError:
            n += 1
print(n)
ns = {}
exec('y = sum(range(10))', ns)
print(ns['y'])
