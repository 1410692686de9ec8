from collections import namedtuple, OrderedDict, deque
P = namedtuple('P', ['x', 'y'])
p = P(1, 2)
print(p, p.x, p.y, p[0], p + (3,), tuple(p))
od = OrderedDict()
od['z'] = 1
od['a'] = 2
od['m'] = 3
print(list(od.keys()), list(od.items()))
d = deque((), 5)
d.append(1)
d.append(2)
d.appendleft(0) if hasattr(d, 'appendleft') else None
print(d.popleft(), len(d))
