class A:
    def m(self, x):
        return ('m', x)
a = A()
bm = a.m
print(bm(1), A.m(a, 2))
f = A.m
print(f(a, 3))
class B:
    pass
b = B()
b.func = lambda x: x * 2
print(b.func(4))
def outside(self):
    return 'outside ' + type(self).__name__
A.o = outside
print(a.o())
print(a.m.__self__ is a if hasattr(a.m, '__self__') else True)
