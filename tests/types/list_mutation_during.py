l = [1, 2, 3, 4, 5, 6]
for x in l:
    if x % 2 == 0:
        l.remove(x)
print(l)
l = list(range(5))
out = []
for x in l[:]:
    l.append(x)
    out.append(x)
print(out, l)
l = [3, 1, 2]
l2 = sorted(l)
print(l, l2, l is l2)
