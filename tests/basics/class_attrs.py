class A:
    x = 1
    lst = []
    def get(self):
        return self.x
a = A()
b = A()
a.x = 2
print(a.x, b.x, A.x, a.get(), b.get())
a.lst.append(1)
print(b.lst)
A.x = 5
print(b.x, a.x)
del a.x
print(a.x)
A.y = 'added'
print(b.y)
print('x' in A.__dict__, 'x' in a.__dict__)
print(getattr(a, 'missing', 'dflt'))
