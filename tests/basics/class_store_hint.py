# Attribute stores at one instruction across classes whose hooks change
# (a __setattr__ or property gained later),
# instances with different layouts, and a method name that an instance
# later shadows.


class Base:
    pass


class A(Base):
    def __init__(self, x):
        self.x = x


class B(Base):
    def __init__(self, y):
        self.y = y


def put(o, v):
    o.v = v


objs = [A(1), B(2), A(3)]
for i in range(3):
    for o in objs:
        put(o, i)
print([sorted(o.__dict__.items()) for o in objs])


def hook(self, name, value):
    print('setattr', type(self).__name__, name, value)
    object.__setattr__(self, name, value)


A.__setattr__ = hook
for o in objs:
    put(o, 7)
print([o.v for o in objs])
del A.__setattr__
for o in objs:
    put(o, 8)
print([o.v for o in objs])


class P(A):
    pass


p = P(5)
for i in range(3):
    put(p, i)
P.v = property(lambda self: 'prop', lambda self, v: print('set', v))
put(p, 9)
put(P(6), 10)


class M:
    def f(self):
        return 'method'


def call_f(o):
    return o.f()


m = M()
print(call_f(m), call_f(m))
m.f = lambda: 'own'
print(call_f(m))


def fill(o, n):
    for k in range(n):
        setattr(o, 'a%d' % k, k)


def store_many(o):
    o.a0 = 'x'
    o.z = 'z'


for n in (0, 3, 9, 12):
    o = A(0)
    fill(o, n)
    store_many(o)
    store_many(o)
    print(n, sorted(o.__dict__.items())[-3:], len(o.__dict__))
