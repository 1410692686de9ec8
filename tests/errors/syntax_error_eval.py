def show(src, mode='exec'):
    try:
        compile(src, '<test>', mode)
        print('compiled', repr(src))
    except SyntaxError as e:
        print(type(e).__name__)
show('x = ')
show('def f(:\n  pass')
show('1 +', 'eval')
show('return 5')
show('break')
show('continue')
show('a = 1', 'eval')
show('f(x for x in y, 1)')
show('x = yield')
