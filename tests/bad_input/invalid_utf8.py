# Invalid UTF-8 inside source bytes.
def check(src):
    try:
        compile(src, '<bad>', 'exec')
        print('compiled')
    except (SyntaxError, UnicodeError, ValueError) as e:
        print('rejected')
check(b'x = 1\n')
check(b'x = "\xff\xfe"\n'.decode('latin-1').encode('latin-1') if False else 'x = 2\n')
for b in (b'\xff', b'\xc3', b'\xe2\x82', b'\x80abc'):
    try:
        s = b.decode('utf-8')
        print('decoded?!')
    except UnicodeError:
        print('UnicodeError')
