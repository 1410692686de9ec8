# List and tuple slices with small-int or None bounds (taken without the
# slice object on desktop builds), concatenations of lists and of tuples
# (short results gathered on the stack), and dict stores after a lookup
# with an equal but not identical tuple key.
l = [1, 2, 3, 4, 5]
t = (1, 2, 3, 4, 5)
print(l[1:3], l[:2], l[3:], l[::2], l[::-1], l[-2:], l[:-10], l[10:], l[1:4:2], l[4:0:-2], l[None:None], l[:])
print(t[1:3], t[:2], t[3:], t[-2:], t[:-10], t[10:], t[None:None], t[:])
print(l[True:], l[0:False], t[True:], l[1:2 ** 70], l[-2 ** 70:2])
try:
    l[::0]
except ValueError:
    print('ValueError')
try:
    l['a':]
except TypeError:
    print('TypeError')
for n in range(12):
    a = list(range(n))
    b = tuple(a)
    for m in range(10):
        r = list(range(100, 100 + m))
        c = a + r
        d = b + tuple(r)
        assert len(c) == n + m and list(d) == c and type(d) is tuple
    print(n, a[1:], a[::-1], a[::3], b[-3:], b[:9], a[2:10:2], a[-1:-12:-1], a[5:2], type(b[1:3]).__name__)
x = [[i] for i in range(10)]
y = x[2:7]
y[0].append(5)
print(x[2], y is x, x[:] == x, x[:] is x, x[1:2][0] is x[1])
print(l + l, t + t, [] + [], () + (), l + [] == l)
u = t
u += (9,)
print(u, t)
v = l
v += [7]
print(v is l, l)
try:
    l + t
except TypeError:
    print('TypeError')
try:
    t + l
except TypeError:
    print('TypeError')


class L(list):
    pass


class T(tuple):
    pass


print(L([1]) + [2], [2] + L([1]), type(L([1, 2])[0:1]).__name__, T((1,)) + (2,), (2,) + T((1,)))
counts = {}
for i in range(60):
    k = (i % 7, i % 3)
    counts[k] = counts.get(k, 0) + 1
    k2 = (i % 7, i % 3)
    counts[k2] = counts[k2] + 1
print(sorted(counts.items()))
e = {(1, 2): 'a'}
e.get((True, 2))
e[(True, 2)] = 'b'
f = {(1, 2): 0, (3, 4): 1}
f.get((1, 2))
f[(3, 4)] = 9
g = {((1,), 2): 0}
g.get(((1,), 2))
g[((1,), 2)] = 5
print(e, sorted(f.items()), g)
it = iter([1, 2, 3])
print(list(enumerate(it)), list(zip([1, 2], (3, 4))), list(it))
