print(isinstance(1, int), isinstance(1.0, float), isinstance('s', str), isinstance(b'', bytes))
print(isinstance([], (tuple, list)), isinstance({}, dict), isinstance(set(), set), isinstance(None, type(None)))
print(isinstance(int, type), isinstance(len, object), isinstance(1, object))
try:
    isinstance(1, 2)
except TypeError:
    print('TypeError')
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, object))
