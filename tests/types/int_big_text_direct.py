# str()/hex()/oct()/bin() of big ints (written straight into the new str),
# signs, every length around digit and chunk boundaries, round trips.
for e in (62, 63, 64, 65, 95, 96, 127, 128, 200, 1000, 3000):
    for x in (2 ** e - 1, 2 ** e, 2 ** e + 1, 7 ** (e // 2) * 3):
        for v in (x, -x):
            s, h, o, b = str(v), hex(v), oct(v), bin(v)
            assert int(s) == v and int(h, 16) == v and int(o, 8) == v and int(b, 2) == v
            print(e, len(s), s[:12], s[-12:], h[:10], h[-6:], o[:8], o[-6:], b[:10], len(b))
for k in (18, 19, 20, 38, 39, 40, 118, 119, 120, 121, 500):
    v = 10 ** k
    print(k, str(v) == '1' + '0' * k, str(v - 1) == '9' * k, str(-v)[:3], hex(v)[-4:], '%s' % v == str(v))
print(str(123456789012345678901234567890), hex(-0xdeadbeefcafebabe1234), oct(8 ** 30), bin(-(2 ** 70)))
x = 3 ** 400
print([str(x * (-1) ** i)[:5] for i in range(2)], hex(x).upper()[:10], '{}'.format(x)[-5:])
