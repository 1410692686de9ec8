def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
for s in ('', ' ', '1x', '0x10', '--1', '1__0', '_1', '1.0'):
    show(lambda: int(s))
show(lambda: int('9', 8))
show(lambda: int('1', 37))
