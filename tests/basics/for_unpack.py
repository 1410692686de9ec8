for a, b in [(1, 2), (3, 4)]:
    print(a, b)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c)
for a, *b in [(1, 2, 3), (4,), (5, 6)]:
    print(a, b)
for k, v in sorted({'x': 1, 'y': 2}.items()):
    print(k, v)
d = {}
for d['key'] in range(3):
    pass
print(d)
l = [0, 0]
for l[1] in 'ab':
    pass
print(l)
