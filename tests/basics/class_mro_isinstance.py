# isinstance/issubclass through diamonds and deeper multiple inheritance.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
class E: pass
class F(D, E): pass
d = D()
f = F()
for cls in (A, B, C, D, E, F, object):
    print(cls.__name__, isinstance(d, cls), isinstance(f, cls), issubclass(D, cls), issubclass(F, cls))
print(issubclass(A, D), issubclass(C, B), issubclass(E, A))
print(isinstance(f, (E, int)), isinstance(d, (E, int)), issubclass(F, (int, C)))
class X(Exception): pass
class Y(X): pass
class Z(X): pass
class W(Y, Z): pass
for exc in (W, Y, Z):
    try:
        raise exc()
    except Z:
        print(exc.__name__, 'caught as Z')
    except X:
        print(exc.__name__, 'caught as X')
