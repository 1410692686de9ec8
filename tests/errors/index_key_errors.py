def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: [1, 2][5])
show(lambda: (1,)[-3])
show(lambda: 'abc'[10])
show(lambda: {'a': 1}['b'])
show(lambda: {1: 1}[2])
show(lambda: [].pop())
show(lambda: {}.popitem())
show(lambda: range(3)[5])
