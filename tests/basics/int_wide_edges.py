# Int arithmetic around the small-int limits of 32-bit (30/31-bit), NaN-boxed
# (47-bit) and 64-bit (63-bit) builds and the 64-bit fast path's edges:
# negative operands, floor semantics, results that shrink back to small.

bounds = []
for b in (29, 30, 31, 32, 45, 46, 47, 48, 61, 62, 63, 64):
    bounds += [2**b - 1, 2**b, 2**b + 1, -(2**b) + 1, -(2**b), -(2**b) - 1]

def show(*v):
    print(*v)

for x in bounds:
    for y in (1, -1, 2, -2, 3, -7, 2**31 - 1, -(2**31), 2**32, 1103515245):
        show(x + y, x - y, x * y, x // y, x % y, x & y, x | y, x ^ y)
        show(y // x, y % x, x < y, x == y, x >= y)
    show(x >> 1, x >> 63, x << 1, x << 17)

# Linear congruential generators: a wide product reduced at once.
s = 12345
t = 2024
u = -987654321
for i in range(200):
    s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
    t = (t * 1103515245 + 12345) % 2**31
    u = (u * 214013 - 2531011) // 3 % -(2**40)
print(s, t, u)

# Products landing just inside and just outside each small-int range.
for a, b in ((2**15, 2**15), (2**23, 2**23), (2**31, 2**31), (-(2**31), 2**31),
             (2**31, -(2**31)), (3037000499, 3037000499), (3037000500, 3037000500),
             (-3037000500, 3037000500), (2**46 - 1, 2), (2**62, -2), (2**63, -1)):
    p = a * b
    print(p, p - 1, p + 1, p // 7, p % 7, p // -7, p % -7, p & 0xFFFF, -p >> 3)
