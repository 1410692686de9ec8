def check(src):
    try:
        eval(src)
        print('evaluated')
    except SyntaxError as e:
        print(type(e).__name__)
    except Exception as e:
        print('runtime', type(e).__name__)
check('1 +')
check('(1, 2')
check('[1 2]')
check('{1: 2, 3}')
check('f(,)')
check('a[]')
check('1 if 2')
check('not')
check('**x')
check('1 + 2')
