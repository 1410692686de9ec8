# C3 linearisation: attribute lookup, super() chains, __init__ chains,
# classmethods and class attributes through multiple inheritance.
class O:
    def __init__(self):
        self.log = ['O']
    def f(self):
        return ['O']
    @classmethod
    def cm(cls):
        return ['O', cls.__name__]
    tag = 'O'
class A(O):
    def __init__(self):
        super().__init__()
        self.log.append('A')
    def f(self):
        return ['A'] + super().f()
    @classmethod
    def cm(cls):
        return ['A'] + super().cm()
class B(O):
    def __init__(self):
        super().__init__()
        self.log.append('B')
    def f(self):
        return ['B'] + super().f()
    @classmethod
    def cm(cls):
        return ['B'] + super().cm()
    tag = 'B'
class C(O):
    def f(self):
        return ['C'] + super().f()
class D(A, B):
    def f(self):
        return ['D'] + super().f()
class E(B, C):
    def f(self):
        return ['E'] + super().f()
class F(D, E):
    def f(self):
        return ['F'] + super().f()
    def __init__(self):
        super().__init__()
        self.log.append('F')

# Textbook example: F's MRO is F, D, A, E, B, C, O.
print(F().f())
print(F().log)
print(F.cm())
print(F.tag, D.tag, A.tag, E.tag)
print(D().f(), E().f())

# Explicit two-argument super() starts after the given class in the
# instance's MRO.
f = F()
print(super(A, f).f())
print(super(E, f).f())
print(super(D, F).cm())

# Wikipedia's example: K1(A,B,C), K2(D,B,E), K3(D,A), Z(K1,K2,K3).
def tail(s):
    m = getattr(s, 'n', None)
    return m() if m else []
class A0:
    def n(self): return ['A0'] + tail(super())
class B0:
    def n(self): return ['B0'] + tail(super())
class C0:
    def n(self): return ['C0'] + tail(super())
class D0:
    def n(self): return ['D0'] + tail(super())
class E0:
    def n(self): return ['E0'] + tail(super())
class K1(A0, B0, C0):
    def n(self): return ['K1'] + super().n()
class K2(D0, B0, E0):
    def n(self): return ['K2'] + super().n()
class K3(D0, A0):
    def n(self): return ['K3'] + super().n()
class Z(K1, K2, K3):
    def n(self): return ['Z'] + super().n()
print(Z().n())

# Which class an attribute comes from follows the MRO.
class P:
    x = 'P'
    def m(self): return 'P.m'
class Q(P):
    pass
class R(P):
    x = 'R'
    def m(self): return 'R.m'
class S(Q, R):
    pass
print(S.x, S().x, S().m())
R.x = 'R2'
print(S.x)
del R.x
print(S.x)
