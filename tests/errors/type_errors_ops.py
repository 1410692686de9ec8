def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: 1 + 'a')
show(lambda: 'a' + 1)
show(lambda: [] + ())
show(lambda: 'a' * 'b')
show(lambda: -'a')
show(lambda: ~1.5)
show(lambda: 1 < 'a')
show(lambda: [] < 1)
show(lambda: None + None)
