def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: 'abc'.join([1, 2]))
show(lambda: 'x'.split(''))
show(lambda: '%d' % 'str')
show(lambda: '{}{}'.format(1))
show(lambda: '{0}{}'.format(1, 2))
show(lambda: b'a' + 'b')
show(lambda: 'a' + b'b')
show(lambda: str(b'\xff', 'utf-8'))
