def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: iter(5))
show(lambda: next([]))
show(lambda: list(None))
show(lambda: [x for x in 3])
def gen_running():
    def g():
        yield me.send(None)
    me = g()
    next(me)
show(gen_running)
