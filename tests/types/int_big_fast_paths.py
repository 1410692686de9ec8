# The desktop big-int fast paths against the general arithmetic: digit
# products (carries into a new digit), sums and differences (carries,
# cancellation down to small ints, result shorter than its bound), and
# floor division with a quotient the top bits decide (signs, exact and
# near-exact multiples, quotients near 2**61). Results are checked against
# identities that use other operations, and printed.

M = 2 ** 32
vals = [2 ** 64, 2 ** 64 - 1, 2 ** 95 + 12345, 2 ** 96 - 1, (M - 1) * M ** 2, (M - 1) * M ** 2 + (M - 1) * M,
        3 ** 200, 7 ** 90 + 1, 10 ** 40, (M - 1) * M ** 5 + 1]
digits = [0, 1, 2, 3, 7, 10, 65535, 65536, M - 1, M - 2, 2 ** 31]

n = 0
for a in vals:
    for s in (1, -1):
        x = s * a
        for d in digits:
            for t in (1, -1):
                y = t * d
                p = x * y
                assert p == y * x
                assert (p == 0) == (d == 0)
                if d:
                    assert p // y == x and p % y == 0
                n += 1
print('mul', n)

n = 0
for a in vals:
    for b in vals + [1, 2 ** 63, M - 1]:
        for sa in (1, -1):
            for sb in (1, -1):
                x, y = sa * a, sb * b
                r = x + y
                assert r - y == x and r - x == y
                q = x - y
                assert q + y == x and y - x == -q
                n += 1
print('add', n)
# Cancellation down to small ints, and sums shorter than their bound.
print((2 ** 96 + 5) - 2 ** 96, 2 ** 96 - (2 ** 96 + 5), -(2 ** 70) + (2 ** 70 + 1))
print((M - 1) * M ** 2 + 1, (M - 1) * M ** 2 + (M - 1) * M ** 2, 2 ** 95 + 2 ** 95 - 1)

n = 0
for b in vals:
    for q in (0, 1, 2, 9, 10, M - 1, M, 2 ** 60, 2 ** 61 - 1, 2 ** 61):
        for off in (0, 1, -1, b // 2, b - 1):
            a = b * q + off
            for sa in (1, -1):
                for sb in (1, -1):
                    x, y = sa * a, sb * b
                    f = x // y
                    m = x % y
                    assert f * y + m == x, (x, y)
                    assert m == 0 or (m < 0) == (y < 0)
                    assert abs(m) < abs(y)
                    assert divmod(x, y) == (f, m)
                    n += 1
print('div', n)
print(-(3 ** 200) // 3 ** 199, (3 ** 200 + 1) // -(3 ** 199), -(10 ** 40) // (10 ** 40 + 1), 0 // -(2 ** 70))
print((2 ** 61 * 7 ** 90) // (7 ** 90 + 1), -(2 ** 61 * 7 ** 90) // (7 ** 90 - 1))
