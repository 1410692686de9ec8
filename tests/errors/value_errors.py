def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: int('abc'))
show(lambda: int('12', 1))
show(lambda: float('x1'))
show(lambda: [1].index(9))
show(lambda: 'abc'.index('z'))
show(lambda: [].remove(1))
show(lambda: chr(-5))
show(lambda: range(1, 5, 0))
show(lambda: (lambda a, b: 0)(*[1, 2, 3]))
