def f():
    import _helper
    from pkg.mod_a import fa
    return _helper.HELLO, fa()
print(f())
print('_helper' in dir())
def g():
    from _starmod import PUBLIC
    return PUBLIC
print(g())
