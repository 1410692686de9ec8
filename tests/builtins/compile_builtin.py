code = compile('x = 6 * 7', '<test>', 'exec')
ns = {}
exec(code, ns)
print(ns['x'])
e = compile('1 + 2 * 3', '<expr>', 'eval')
print(eval(e))
s = compile('print("single mode")', '<s>', 'single')
exec(s)
src = 'def f(a):\n    return a * 2\n'
g = {}
exec(compile(src, 'mod', 'exec'), g)
print(g['f'](21))
