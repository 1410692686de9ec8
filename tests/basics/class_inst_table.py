# Instance attribute tables: growth past the first buffer, deletion,
# __dict__, and many instances across collections.
import gc


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Grow:
    def __init__(self, n):
        self.a = 0
        for i in range(n):
            setattr(self, "f%d" % i, i * i)


ps = [P(i, -i) for i in range(50)]
gc.collect()
print(sum(p.x for p in ps), sum(p.y for p in ps))

# Tables that grow well past their first size (small, then indexed).
for n in (1, 3, 7, 8, 9, 20, 40):
    g = Grow(n)
    gc.collect()
    print(n, len(g.__dict__), sum(getattr(g, "f%d" % i) for i in range(n)), g.a)

# Later instances start with room for what the first ones reached.
gs = []
for k in range(30):
    gs.append(Grow(12))
    if k % 7 == 0:
        gc.collect()
print(all(getattr(g, "f11") == 121 for g in gs), len(gs[-1].__dict__))

# Deletion, then growth again.
p = P(1, 2)
del p.x
print(hasattr(p, "x"), p.y, sorted(p.__dict__.items()))
for i in range(12):
    setattr(p, "z%d" % i, i)
del p.y
for i in range(0, 12, 2):
    delattr(p, "z%d" % i)
gc.collect()
print(sorted(p.__dict__.items()))
p.x = 5
print(p.x, len(p.__dict__))
try:
    del p.nope
except AttributeError:
    print("AttributeError")

# Reading __dict__.
q = P("a", "b")
d = q.__dict__
print(sorted(d.items()))

# Many short-lived instances with collections in between: the survivors
# keep their attributes.
keep = []
for r in range(5):
    tmp = [P(r, i) for i in range(200)]
    for t in tmp[::40]:
        t.extra = [t.x, t.y]
        keep.append(t)
    tmp = None
    gc.collect()
print(len(keep), [(t.x, t.y, t.extra) for t in keep[:6]])
for t in keep:
    for i in range(10):
        setattr(t, "w%d" % i, i + t.y)
gc.collect()
print(sum(t.w9 for t in keep), sum(len(t.__dict__) for t in keep))


# Instances without __init__ and with __slots__-free subclasses.
class E:
    pass


class Q(P):
    def __init__(self):
        P.__init__(self, 3, 4)
        self.z = 5


es = [E() for _ in range(10)]
for i, e in enumerate(es):
    e.v = i
gc.collect()
print(sum(e.v for e in es))
qs = [Q() for _ in range(10)]
gc.collect()
print(sum(q.x + q.y + q.z for q in qs))
