def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__)
    except ValueError as e:
        print('SyntaxError')  # CPython rejects NUL with ValueError in some versions
check('x = 1 $ 2')
check('x = ?')
check('a = `b`')
check('x = 1 !')
check('@\n')
check('x = 1\x01\n')
check('print(1))')
check('print((1)')
check('x = [1, 2')
check('x = {1: }')
