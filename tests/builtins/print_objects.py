class A:
    pass
print(str(A()).startswith('<'), repr(A()).endswith('>'))
print(1.0, 10.0, 1e-3, 123.456, -0.5, 1e22, 1.5e-9)
print([1.0, 2.5], (0.1,), {'k': 0.5})
print(2 ** 100, -1, 0)
print('mixed', 1, 2.0, None, True, b'b', [], ())
