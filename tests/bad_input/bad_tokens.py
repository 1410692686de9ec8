def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__)
check('x = 0x')
check('x = 0b2')
check('x = 0o8')
check('x = 1__2')
check('x = 1_')
check('x = 1e')
check('x = 09')
check('x = 1.2.3')
check('x = 5j')
check('x = .')
