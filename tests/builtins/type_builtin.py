print(type(1).__name__, type(1.0).__name__, type('').__name__, type([]).__name__)
print(type(()).__name__, type({}).__name__, type(set()).__name__, type(None).__name__)
print(type(len).__name__ in ('builtin_function_or_method', 'function'), type(type).__name__)
print(type(1) == int, type(True) == bool, type(b'') is bytes, type(range(1)).__name__)
class X: pass
print(type(X()).__name__, type(X).__name__)
