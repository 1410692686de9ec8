# Big-int arithmetic in the forms the dispatch loop's long-int path takes
# at once: in-place operators (+= -= *= //=) as well as plain ones, a long
# value times a one-digit int (both orders, all signs, a product that
# carries into a new digit or not), sums of long values of either length
# order and sign (carries across the 32- and 64-bit digit boundaries, a
# difference that cancels down to a small int), and floor quotients of
# nearby values.

def show(tag, v):
    print(tag, v, hex(v))


longs = [
    2**64, 2**64 - 1, 2**64 + 1, 2**95, 2**96 - 1, 2**96, 2**127 - 1, 2**128 - 1, 2**128,
    2**160 - 1, 3**80, 7**60, 10**30, 10**40 + 123456789, (2**32 - 1) * 2**64 + 2**32 - 1,
]
digits = [1, 2, 3, 9, 10, 65535, 65536, 2**31 - 1, 2**31, 2**32 - 1, 2**32 - 2]

for a in longs:
    for d in digits:
        for x, y in ((a, d), (-a, d), (a, -d), (-a, -d)):
            p = x * y
            q = y * x
            z = x
            z *= y
            w = y
            w *= x
            print(p == q == z == w, hex(p))

for a in longs:
    for b in longs + [1, -1, 2**32 - 1, 2**32, 2**63, 2**64 - 1]:
        for x, y in ((a, b), (-a, b), (a, -b), (-a, -b)):
            s = x + y
            t = y + x
            u = x
            u += y
            v = x - y
            m = x
            m -= y
            print(s == t == u, v == m, hex(s), hex(v))

# Sums that cancel down to a small int (or zero), both orders.
for a in longs:
    for k in (0, 1, -1, 12345, 2**30, -(2**30), 2**62):
        b = -(a - k)
        s = a + b
        r = b + a
        t = a
        t += b
        show('cancel', s)
        print(s == r == t, type(s) is int)
        s2 = a - (a - k)
        show('cancel-', s2)

# Carries across the 32-bit and 64-bit boundaries: all-ones digits plus one.
for n in (3, 4, 5, 6, 7, 8, 9):
    a = 2**(32 * n) - 1
    show('carry', a + 1)
    show('carry', 1 + a)
    show('carry', a + a)
    x = a
    x += 2**32
    show('carry', x)
    show('borrow', (a + 1) - 1)
    show('borrow', -(a + 1) + 1)
    show('mulcarry', a * (2**32 - 1))
    show('mulcarry', (2**32 - 1) * -a)

# Floor quotients of nearby long values (the top bits decide them), and of
# values that differ a lot, all sign combinations, in-place too.
for a in longs:
    for k in (1, 2, 3, 7, 9, 10, 11, 1000):
        for b in (a, a + 1, a - 1, a * 3 + 7):
            for x, y in ((k * b + 5, b), (-(k * b + 5), b), (k * b, -b), (-(k * b), -b), (k * b - 1, b)):
                q = x // y
                z = x
                z //= y
                print(q, q == z, x % y == x - q * y)

# The pi spigot's step (digits of pi), in-place forms.
q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
out = []
while len(out) < 60:
    if 4 * q + r - t < m * t:
        out.append(m)
        q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
    else:
        q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
print(''.join(str(d) for d in out))
acc = 1
for i in range(1, 60):
    acc *= i
    acc -= i
    acc += 7
    acc //= 1 if i % 5 else 3
print(acc)
