x=1
@dec
@micropython.bytecode
def f():
    pass
