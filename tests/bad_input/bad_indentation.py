def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print('SyntaxError', isinstance(e, SyntaxError))
check('def f():\nreturn 1\n')
check('if True:\n        x = 1\n    y = 2\n')
check('    x = 1\n')
check('for i in x:\n')
check('class C:\n')
check('if x:\n  pass\n else:\n  pass\n')
check('while 1:\n  pass\n    pass\n')
check('def f():\n  pass\n')
