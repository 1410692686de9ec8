def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__)
check("x = 'abc")
check('x = "abc')
check("x = '''abc")
check('x = """abc\n\n')
check("x = 'abc\ndef'")
check("x = b'unterminated")
check("x = f'{1 + }'")
check("x = 'ok'")
