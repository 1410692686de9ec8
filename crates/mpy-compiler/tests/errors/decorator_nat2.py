@micropython.bytecode
def f():
    pass
