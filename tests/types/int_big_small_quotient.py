# Big-int %, // and divmod whose quotient is small (the remainder is found
# from the quotient without a division): every sign combination, quotients
# 0, 1, a few, near 2**32 and beyond, exact multiples, near multiples,
# remainders that fit a small int again, huge operands.

def check(a, b):
    q, r = divmod(a, b)
    ok = q == a // b and r == a % b and q * b + r == a
    ok = ok and (r == 0 or (r < 0) == (b < 0)) and abs(r) < abs(b)
    return q, r, ok

bases = [
    2**64 + 1,
    2**96 - 1,
    3**100 + 12345,
    7**220 + 11,
    10**50 + 7,
    (2**127 - 1) * (2**89 - 1),
]
mults = [0, 1, 2, 3, 9, 10, 997, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**40 + 3, 2**61 - 1, 2**61, 2**70]
offsets = [0, 1, -1, 5, -5, 2**33, -(2**33), 12345678901234567890]
bad = 0
count = 0
for b in bases:
    for m in mults:
        for off in offsets:
            a = b * m + off
            for sa in (1, -1):
                for sb in (1, -1):
                    q, r, ok = check(sa * a, sb * b)
                    count += 1
                    if not ok:
                        bad += 1
                        print('bad', sa * a, sb * b, q, r)
print(count, bad)

# Printed results (small remainders, exact multiples, signs).
b = 10**30 + 7
for a in [3 * b, 3 * b + 1, 3 * b - 1, -3 * b, -3 * b + 1, -3 * b - 1, b - 1, -(b - 1), 0, 1, -1]:
    for d in (b, -b):
        print(a % d, a // d, divmod(a, d))
x = 2**200 + 3**50
y = 2**190 + 17
print(x % y, -x % y, x % -y, -x % -y)
print(divmod(x, y), divmod(-x, y), divmod(x, -y), divmod(-x, -y))
# In-place forms.
z = x
z %= y
print(z)
z = -x
z %= y
print(z)
# Huge operands, quotient a few.
h = 3**5000 + 1
g = 3**4998 + 5
print(h % g == h - 9 * g, divmod(h, g)[0], (-h) // g, str(h % g)[:20], len(str(h % g)))
# Results that fit a small int again.
print(type((2**100 + 5) % 2**100), (2**100 + 5) % (2**100), (-2**100 - 5) % (2**100) - 2**100)
