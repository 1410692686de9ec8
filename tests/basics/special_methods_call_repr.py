class F:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return self.k * x + y
    def __repr__(self):
        return 'F<%d>' % self.k
    def __str__(self):
        return 'F with %d' % self.k
f = F(3)
print(f(2), f(2, y=0), callable(f), callable(F), callable(3))
print(repr(f), str(f), f, [f], '%s %r' % (f, f))
class OnlyRepr:
    def __repr__(self):
        return 'R!'
print(str(OnlyRepr()), OnlyRepr())
class B:
    def __bool__(self):
        return False
class L:
    def __len__(self):
        return 0
print(bool(B()), bool(L()), 'yes' if B() else 'no')
