# isinstance with user classes and tuples of them (a fast path on some
# builds): subclasses, diamonds, unrelated classes, classes made later,
# tuples mixing built-in types, nested tuples and bad items.
class A:
    pass
class B(A):
    pass
class C(A):
    pass
class D(B, C):
    pass
class E:
    pass
objs = [A(), B(), C(), D(), E()]
for o in objs:
    print(type(o).__name__, [isinstance(o, k) for k in (A, B, C, D, E)])
    print(isinstance(o, (B, C)), isinstance(o, (E,)), isinstance(o, ()), isinstance(o, (D, E)))
    print(isinstance(o, (int, A)), isinstance(o, (E, (B, C))), isinstance(o, object))
class F(D):
    pass
f = F()
print(isinstance(f, (A,)), isinstance(f, (E, F)))
for bad in ((1, A), (E, 2), "x"):
    try:
        print(isinstance(f, bad))
    except TypeError:
        print('TypeError')
class Err(ValueError):
    pass
e = Err()
print(isinstance(e, (Err,)), isinstance(e, (A, ValueError)), isinstance(e, (A, E)))
class L(list):
    pass
print(isinstance(L(), (A, L)), isinstance(L(), (list,)), isinstance([], (L,)))
print(isinstance(A, (A,)), isinstance(1, (A, B)))
