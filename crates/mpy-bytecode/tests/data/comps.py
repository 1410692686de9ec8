a = [x * 2 for x in range(10) if x % 2]
b = {x: x ** 2 for x in range(5)}
c = {x for x in 'hello'}
d = (x for x in range(3))
e = [[y for y in range(x)] for x in range(4)]
f = sum(x for x in range(100))
s = f"{a!r:>10} {b} {c=} {'nested'}"
print(a, b, c, list(d), e, f, s)
m, *n = [1, 2, 3]
o, (p, q) = 1, (2, 3)
a[1:3] = [9, 9]
a[::2]
