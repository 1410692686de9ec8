a.b().c = 1
a.b().c += 1
del a.b().c
a.b.c.d = 1
a[1].b().c[2] = 3
x.y[f()] = 1
del a.b[1]
