def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print('SyntaxError')
full = 'def f(a, b):\n    if a:\n        return [a, (b, {1: 2})]\n    return None\n'
check(full)
for cut in (5, 10, 13, 25, 35, 44, 50, 60):
    check(full[:cut])
