class P:
    pass
p = P()
for i, name in enumerate(['a', 'b', 'c']):
    setattr(p, name, i)
print(p.a, p.b, p.c, sorted(k for k in p.__dict__))
try:
    setattr(5, 'x', 1)
except AttributeError:
    print('int attr')
try:
    setattr([], 'x', 1)
except AttributeError:
    print('list attr')
