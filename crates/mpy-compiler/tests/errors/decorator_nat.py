@micropython.native
def f():
    pass
@micropython.viper
def g():
    pass
