# C.name = v through the desktop class-store cache: two classes at one
# site, a plain value replaced by a function, a property and back, the
# key deleted and re-added.
class E:
    n = 0
    def f(self): return 'f'
class F(E):
    pass
def bump(c):
    c.n += 1
for i in range(5):
    bump(E)
    bump(F)
print(E.n, F.n)
# replace plain by a function through the same site, then back
def put(c, v):
    c.n = v
put(E, 1); put(E, 2)
put(E, lambda self: 'meth')
print(E().n())
put(E, 5)
print(E.n, E().n)
# key deleted and re-added (different position)
put(E, 6)
del E.n
E.m = 1
put(E, 7)
print(E.n, E.m, sorted(k for k in E.__dict__ if not k.startswith('__')))
# plain replaced by property via the site
class G:
    x = 1
g = G()
put2 = lambda c, v: setattr(c, 'x', v)
def setx(c, v):
    c.x = v
setx(G, 2); setx(G, 3)
print(g.x)
setx(G, property(lambda self: 'prop'))
print(g.x)
setx(G, 4)
print(g.x)
