# '%d' / '%s' of small ints through the one-pass writer: every digit count,
# signs, widths, zero and left padding.
vals = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 99999, 100000, 1234567, 10 ** 9 - 1, 10 ** 9,
        2 ** 31 - 1, 2 ** 31, 2 ** 32, 10 ** 12 + 7, 10 ** 15, 10 ** 17 - 1, 10 ** 17, 2 ** 62 - 1, 2 ** 62,
        10 ** 18, 10 ** 19 - 1, 10 ** 19, 2 ** 64 - 1, 2 ** 64]
for v in vals:
    for x in (v, -v):
        print('%d|%s|%i|%u' % (x, x, x, x), '%05d %-7d| %12d %012d' % (x, x, x, x), '[%3s]' % x)
for k in range(1, 21):
    a = int('9' * k)
    b = 10 ** (k - 1)
    print(k, '%d %d %d' % (a, b, b + 1), len('%d' % a) == k)
print('%06d %s %s latency=%d' % (42, 'auth', 'INFO', 7))
