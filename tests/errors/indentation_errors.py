def show(src):
    try:
        exec(src)
        print('ran')
    except SyntaxError as e:
        print(type(e).__name__, isinstance(e, SyntaxError))
show('if 1:\nprint(1)\n')
show('if 1:\n    a = 1\n  b = 2\n')
show('  x = 1\n')
show('x = 1\n    y = 2\n')
show('if 1:\n\tpass\n')
