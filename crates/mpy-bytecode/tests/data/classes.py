class A:
    x = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    @staticmethod
    def s():
        return 2
    @property
    def p(self):
        return self.v * 2

class B(A):
    def __init__(self, v):
        super().__init__(v)
        self.w = v
    def get(self):
        return super().get() + 1
    def __repr__(self):
        return 'B(%d)' % self.v

print(B(3).get(), A.s(), B(4).p, repr(B(1)))
