def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__)
check('if x\n    pass\n')
check('def (x): pass\n')
check('class: pass\n')
check('import\n')
check('from x import\n')
check('lambda x x: 1\n')
check('try:\n    pass\n')
check('else:\n    pass\n')
check('x = 1 if 2\n')
check('for in range(3): pass\n')
check('with: pass\n')
check('x ==== 1\n')
