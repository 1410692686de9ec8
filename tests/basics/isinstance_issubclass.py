class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, B)), isinstance(b, C), isinstance(b, ()))
print(issubclass(B, A), issubclass(B, (C, A)), issubclass(A, B), issubclass(A, A))
print(isinstance(1, bool), isinstance(1, (str, float)))
print(issubclass(int, object), isinstance(None, object))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(b'', bytes))
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
