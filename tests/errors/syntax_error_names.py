def show(src):
    try:
        compile(src, '<test>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__)
show('def f():\n    global x\n    x = 1\n')
show('nonlocal x')
show('def f():\n    nonlocal q\n')
show('f(a=1, a=2)')
show('def f(a, a): pass')
show('del f()')
show('(a, b) += 1')
show('1 = x')
show('None = 1')
show('lambda: (yield)')
