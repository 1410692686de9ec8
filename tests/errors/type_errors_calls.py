def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
def f2(a, b):
    pass
show(lambda: f2(1))
show(lambda: f2(1, 2, 3))
show(lambda: f2(1, c=2))
show(lambda: f2(1, 2, a=3))
show(lambda: (1)())
show(lambda: 'x'())
show(lambda: len())
show(lambda: len(1, 2))
