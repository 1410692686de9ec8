def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
def r1():
    raise 5
def r2():
    raise 'string'
class NotExc:
    pass
def r3():
    raise NotExc
show(r1)
show(r2)
show(r3)
