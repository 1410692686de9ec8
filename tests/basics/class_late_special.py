# Properties, __setattr__, __delattr__ and __new__ added to a class after
# it (and its subclasses) were created take effect on existing instances.
class A:
    pass
class B(A):
    pass
class C(B):
    pass
b = B()
c = C()
b.x = 1
c.x = 2
print(b.x, c.x)

def getp(self):
    return 'prop'
def setp(self, v):
    print('setp', v)
A.p = property(getp, setp)
print(b.p, c.p)
b.p = 5
c.p = 6
print(b.p, 'p' in b.__dict__)

def sa(self, n, v):
    print('setattr', type(self).__name__, n, v)
B.__setattr__ = sa
b.y = 3
c.y = 4
a = A()
a.y = 5
print(hasattr(b, 'y'), hasattr(c, 'y'), a.y)

def da(self, n):
    print('delattr', n)
C.__delattr__ = da
del c.x
del b.x
print(hasattr(b, 'x'), c.x)

class M:
    def __init__(self):
        self.v = 1
class M2(M):
    pass
print(M2().v)
def nn(cls):
    print('late new', cls.__name__)
    return object.__new__(cls)
M.__new__ = staticmethod(nn)
print(M2().v, M().v)

# Replacing a property by a plain value in a subclass.
class P:
    @property
    def q(self):
        return 'P.q'
class Q(P):
    q = 'plain'
print(P().q, Q().q)
try:
    Q().q = 1
except AttributeError:
    print('AttributeError')
o = Q()
try:
    o.q = 'inst'
    print(o.q)
except AttributeError:
    print('AttributeError')

# Class attribute reassignment is seen by existing instances.
class K:
    n = 0
    def m(self):
        return 'K.m'
k = K()
print(k.n, k.m())
K.n = 5
K.m = lambda self: 'new m'
print(k.n, k.m())
del K.m
print(hasattr(k, 'm'))
