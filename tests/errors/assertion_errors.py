def show(f):
    try:
        f()
    except AssertionError as e:
        print(type(e).__name__ + ':', e, e.args)
def a1():
    assert False
def a2():
    assert 0, 'message here'
def a3():
    assert [], ('tuple', 1)
show(a1)
show(a2)
show(a3)
