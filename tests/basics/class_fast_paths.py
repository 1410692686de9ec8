# Instance creation, new attributes and operator methods of plain user
# classes, with the class changing between uses (the desktop build takes
# direct paths for these, checked against the class's lookup cache).

# __init__ replaced, deleted, inherited, shadowed later.
class A:
    def __init__(self, v):
        self.v = v
class B(A):
    pass
objs = [A(1), B(2)]
def init2(self, v):
    self.v = v * 10
A.__init__ = init2
objs += [A(3), B(4)]
class C(B):
    pass
objs.append(C(5))
def init3(self, v):
    self.v = -v
B.__init__ = init3
objs += [A(6), B(7), C(8)]
print([o.v for o in objs])
del B.__init__
print(B(9).v, C(10).v)
del A.__init__
print(type(A()).__name__, hasattr(A(), 'v'))

# Arguments: defaults, star args, keywords, many arguments, errors.
class F:
    def __init__(self, a, b=2, *rest, **kw):
        self.t = (a, b, rest, sorted(kw.items()))
print(F(1).t, F(1, 3).t, F(1, 2, 3, 4).t, F(1, k=5).t)
class G:
    def __init__(self, a, b, c, d, e, f, g, h, i=0):
        self.s = a + b + c + d + e + f + g + h + i
print(G(1, 2, 3, 4, 5, 6, 7, 8).s, G(1, 2, 3, 4, 5, 6, 7, 8, 9).s)
for args in [(), (1, 2)]:
    try:
        A.__init__ = init2
        A(*args)
    except TypeError:
        print('TypeError args', len(args))
class H:
    def __init__(self, x):
        if x < 0:
            raise ValueError('neg')
        self.x = x
for x in [1, -1, 2]:
    try:
        print(H(x).x)
    except ValueError as e:
        print('ValueError', e)
class R:
    def __init__(self, x):
        return x
print(R(None).__class__.__name__)
try:
    R(1)
except TypeError:
    print('TypeError init returned')

# __new__ added after instances were made.
class N:
    def __init__(self, x):
        self.x = x
print(N(1).x)
def nn(cls, x):
    print('new', x)
    return object.__new__(cls)
N.__new__ = staticmethod(nn)
print(N(2).x)

# New attributes: the same instruction on instances of other shapes.
class S:
    pass
def setb(o, v):
    o.b = v
def seta(o, v):
    o.a = v
o1 = S()
seta(o1, 1)
setb(o1, 2)
o2 = S()
o2.b = 0
setb(o2, 5)
o3 = S()
setb(o3, 6)
seta(o3, 7)
o4 = S()
seta(o4, 8)
setb(o4, 9)
setb(o4, 10)
for o in [o1, o2, o3, o4]:
    print(sorted(o.__dict__.items()))
class Many:
    def __init__(self):
        for i in range(3):
            self.a = i
            self.b = i
            self.c = i
            self.d = i
            self.e = i
            self.f = i
            self.g = i
            self.h = i
            self.i = i
            self.j = i
ms = [Many() for _ in range(3)]
print([sorted(m.__dict__.items()) for m in ms])
def late_set(self, n, v):
    print('setattr', n, v)
    object.__setattr__(self, n, v)
m2 = Many()
S.__setattr__ = late_set
o5 = S()
seta(o5, 11)
setb(o5, 12)
print(sorted(o5.__dict__.items()))

# Operator methods: NotImplemented, reflected, in-place, comparisons,
# methods changed on the class, instance attributes ignored.
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        return NotImplemented
    def __sub__(self, o):
        return NotImplemented
    def __lt__(self, o):
        if isinstance(o, V):
            return self.x < o.x
        return NotImplemented
    def __repr__(self):
        return 'V(%r)' % self.x
class W:
    def __radd__(self, o):
        return 'W.radd'
    def __rsub__(self, o):
        return 'W.rsub'
print(V(1) + V(2), V(1) + W(), V(1) - W(), V(1) < V(2))
for expr in ['V(1) + 1', 'V(1) - V(2)', 'V(1) < 1', 'V(1) * V(2)']:
    try:
        print(eval(expr))
    except TypeError:
        print('TypeError', expr)
v = V(1)
v += V(5)
print(v)
try:
    v += 1
except TypeError:
    print('TypeError iadd')
class V2(V):
    def __iadd__(self, o):
        if isinstance(o, int):
            self.x += o
            return self
        return NotImplemented
u = V2(1)
u += 2
print(u, type(u).__name__)
u += V(3)
print(u, type(u).__name__)
def add2(self, o):
    return 'new add'
V.__add__ = add2
print(V(1) + V(2), V2(1) + 1)
v.__add__ = lambda o: 'instance add'
print(v + v)
del V.__add__
try:
    V(1) + V(2)
except TypeError:
    print('TypeError deleted add')
class Err:
    def __mul__(self, o):
        raise KeyError('mul')
try:
    Err() * 2
except KeyError as e:
    print('KeyError', e.args)
class St:
    __add__ = staticmethod(lambda a, b: 'static add')
try:
    print(St() + 1)
except TypeError:
    print('TypeError static add')
class Base:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return 'Base.add %d' % (self.x + o)
class Sub(Base):
    pass
s1 = Sub(1)
print(s1 + 1, s1 + 2)
Sub.__add__ = lambda self, o: 'Sub.add'
print(s1 + 1, Base(0) + 1)
class L(list):
    def __add__(self, o):
        return 'L.add'
print(L([1]) + [2])
