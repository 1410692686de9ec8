def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
def g():
    yield 1
def send_first():
    g().send(5)
show(send_first)
def closed():
    it = g()
    it.close()
    next(it)
show(closed)
def ignore_exit():
    def h():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    it = h()
    next(it)
    it.close()
show(ignore_exit)
