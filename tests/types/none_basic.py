print(None, repr(None), str(None), type(None).__name__)
print(None is None, None == None, None != 0, bool(None))
def f():
    pass
print(f() is None)
d = {None: 'n'}
print(d[None])
print([None] * 3)
