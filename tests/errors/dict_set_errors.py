def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: {[]: 1})
show(lambda: {[1]})
show(lambda: set().pop())
show(lambda: {1}.remove(2))
show(lambda: dict(1))
show(lambda: dict([1]))
