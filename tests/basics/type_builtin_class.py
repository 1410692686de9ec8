def init(self, v):
    self.v = v
T = type('T', (), {'__init__': init, 'double': lambda self: self.v * 2, 'k': 1})
t = T(21)
print(T.__name__, t.double(), T.k, type(t) is T)
U = type('U', (T,), {'k': 2})
print(U(4).double(), U.k, issubclass(U, T), U.__bases__[0].__name__)
print(type(1) is int, type('s').__name__, type(type) is type, type(int).__name__)
class Meta:
    pass
print(type(Meta) is type)
