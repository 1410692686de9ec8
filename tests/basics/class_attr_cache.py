class A:
    def f(self): return 'A.f'
    x = 1
class B(A): pass
class C(B): pass
c = C()
for i in range(3):
    print(c.f(), c.x)
B.f = lambda self: 'B.f'
print(c.f())
C.x = 3
print(c.x)
del C.x
print(c.x)
del B.f
print(c.f())
A.f = lambda self: 'A.f2'
print(c.f())
c.f = lambda: 'inst'
print(c.f())
del c.f
print(c.f())
for n in ['a%d' % i for i in range(30)]:
    setattr(A, n, n)
print(c.a29, c.a0, c.f())
for n in ['a%d' % i for i in range(0, 30, 2)]:
    delattr(A, n)
print(hasattr(c, 'a0'), c.a1, c.a29, c.f())
A.x = 7
print(c.x)
