# One STORE_ATTR instruction (in a shared __init__ or method) storing new
# attributes into instances of different classes and layouts: the store
# sites remember where a name was appended, and instances made later are
# presized from what earlier ones had.


class Base:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def extra(self, k):
        self.k = k


class Sub(Base):
    pass


class Wide(Base):
    def __init__(self, x, y):
        self.a = 0
        self.b = 1
        Base.__init__(self, x, y)


def show(o):
    print(type(o).__name__, sorted(o.__dict__.items()))


objs = []
for i in range(4):
    objs.append(Base(i, -i))
    objs.append(Sub(i, i * 2))
    objs.append(Wide(i, i + 1))
for o in objs[:6]:
    show(o)

# New attributes after construction, through one site, in varied orders.
for i, o in enumerate(objs):
    if i % 2:
        o.extra(i)
    else:
        o.z = i
        o.extra(-i)
for o in objs[-3:]:
    show(o)

# Deleted then stored again: the position moves.
o = Base(1, 2)
del o.x
o.extra(5)
o.x = 7
show(o)
p = Base(3, 4)
p.extra(6)
show(p)

# Many attributes: past a small table.
class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, 'a%d' % i, i)
        self.last = n


for n in (1, 3, 9, 20, 2):
    m = Many(n)
    print(n, m.last, len(m.__dict__))

# A class attribute shadowed by an instance attribute stored later.
class C:
    v = 'class'

    def set(self, v):
        self.v = v


c1 = C()
c2 = C()
c1.set('one')
print(c1.v, c2.v)
c2.set('two')
print(c1.v, c2.v, C.v)

# __init__ replaced on the class after instances were made.
def init2(self, x, y):
    self.y = y
    self.x = x * 10


Base.__init__ = init2
show(Base(1, 2))
show(Sub(3, 4))
