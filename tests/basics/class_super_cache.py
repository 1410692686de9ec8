# super() through its method cache: filled, then voided by a changed base,
# a class between gaining or losing the name, new subclasses, and kinds of
# values (plain, static and class methods, built-in bases).
class A:
    def m(self):
        return 'A.m'
    def n(self):
        return 'A.n'
class B(A):
    def m(self):
        return 'B>' + super().m()
    def n(self):
        return 'B>' + super().n()
class C(A):
    def m(self):
        return 'C>' + super().m()
class D(B, C):
    def m(self):
        return 'D>' + super().m()
b = B(); d = D()
for i in range(3):
    print(b.m(), d.m(), b.n(), d.n())
# Replace the base's method after the cache filled.
A.m = lambda self: 'newA.m'
print(b.m(), d.m())
# A class between gains the method.
def cm(self):
    return 'C2>' + super(C, self).m()
C.n = cm
print(d.n(), b.n())
# Delete it again.
del C.n
print(d.n(), b.n())
# A new subclass made after the cache filled.
class E(B):
    pass
e = E()
print(e.m(), e.n())
# super() returning a plain value, then a function.
class F(A):
    k = 1
class G(F):
    def get(self):
        return super().k
g = G()
print(g.get(), g.get())
F.k = 2
print(g.get())
# Instance attribute of the same name does not shadow super().
b.m = 'inst'
print(B.m(b), b.m)
# staticmethod and classmethod through super().
class H:
    @staticmethod
    def s():
        return 'static'
    @classmethod
    def c(cls):
        return cls.__name__
class I(H):
    def s2(self):
        return super().s(), super().c()
for i in range(2):
    print(I().s2())
H.s = staticmethod(lambda: 'static2')
print(I().s2())
# super() in a subclass of a built-in.
class L(list):
    def append(self, v):
        super().append(v * 2)
l = L()
for i in range(3):
    l.append(i)
print(l)
