# Inconsistent hierarchies raise TypeError at class creation (CPython's
# messages).
class A: pass
class B(A): pass
try:
    class C(A, B): pass
except TypeError as e:
    print('TypeError', e)

class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass
try:
    class Z(P, Q): pass
except TypeError as e:
    print('TypeError', e)

try:
    class W(A, A): pass
except TypeError as e:
    print('TypeError', e)

try:
    class V(object, A): pass
except TypeError as e:
    print('TypeError', e)

# The same hierarchies in consistent orders work.
class C(B, A): pass
class V(A, object): pass
class Z2(P, X, Y): pass
print(C.__name__, V.__name__, Z2.__name__)
print(issubclass(C, A), issubclass(Z2, Y))

# type() with three arguments checks the same way.
try:
    type('T', (A, B), {})
except TypeError as e:
    print('TypeError', e)
T = type('T', (B, A), {'v': 1})
print(T.v, issubclass(T, A))
