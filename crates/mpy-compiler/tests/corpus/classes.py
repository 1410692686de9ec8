class A:
    pass
class B(A):
    x = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    @staticmethod
    def s():
        return 1
    @property
    def p(self):
        return self.v
class C(B, metaclass=M):
    def __init__(self, v):
        super().__init__(v)
    def m(self):
        return __class__
    def n(self):
        s = super()
        return s.get()
    def o(self, *a):
        return super().get(*a)
class D:
    y = 2
    def f(self):
        return y
    z = [y for _ in range(3)]
def factory(base):
    class Inner(base):
        def g(self):
            return base
    return Inner
class E(*bases, **kw):
    pass
class F():
    a, b = 1, 2
    del a
    global G
    G = 1
