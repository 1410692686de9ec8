# The first append to a fresh list, then growing on.
out = []
for n in range(6):
    l = []
    for i in range(n):
        l.append(i * i)
    out.append(l)
print(out)
a = []
a.append(a)
print(len(a), a[0] is a)
b = [1]
b.pop()
b.append(2)
print(b)
c = list()
c.append("x")
c.extend([1, 2, 3, 4, 5])
c.append(None)
print(c)


class L(list):
    pass


s = L()
s.append(1)
s.append(2)
print(s, type(s).__name__)
# Comprehensions fill fresh lists the same way.
print([i for i in range(0)], [i for i in range(1)], [i * 2 for i in range(5)])
print([[j for j in range(i)] for i in range(4)])
