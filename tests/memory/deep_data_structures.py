# cmdline: -X heapsize=128k
l = []
for i in range(1000):
    l = [l]
d = 0
while l:
    l = l[0]
    d += 1
print(d)
t = ()
for i in range(500):
    t = (t, i)
n = 0
while t:
    t = t[0]
    n += 1
print(n)
