def f():
    return 1
    def g():
        pass
    lambda: 2
    return g
class C:
    def h(self):
        raise E
        x = [i for i in y]
