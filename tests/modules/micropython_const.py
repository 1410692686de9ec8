try:
    from micropython import const
except ImportError:
    def const(x):
        return x
X = const(10)
Y = const(X * 2 + 1)
_Z = const(5)
print(X, Y, _Z)
def f():
    return X + Y
print(f())
