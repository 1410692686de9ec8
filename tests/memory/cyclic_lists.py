# cmdline: -X heapsize=32k
total = 0
for i in range(5000):
    a = [i]
    b = [a, i]
    a.append(b)
    d = {'self': None}
    d['self'] = d
    total += len(a) + len(b) + len(d)
print(total)
