# MicroPython-specific float digits: repr is %.16g when it round-trips
# (else %.17g), exact ties round away from zero, extra digits pad with 0.
for x in [0.1, 1 / 3, 5e-324, 1e-320, 1 / 1e308, 1e-310, 1e-300, 1e-309, 1e23, 1e16, 1e15, 78486620042.1318, 2.0 ** 70, -0.0]:
    print(repr(x), str(x))
for x in [0.125, 2.5, 0.5, 8.5, 2.675, 1.005, 0.1, 2 / 3]:
    print('%.2f %.0f %.1e %.20f %.17g %.25e' % (x, x, x, x, x, x))
print('%f %f' % (1e23, 1e24), '{:,.2f} {:>10} {:+}'.format(1234.5, 1 / 3, 2.5))
print(round(2.675, 2), round(1.115, 2), round(0.125, 2), round(0.1, 400), round(1e300, 10))
print(float('.'), float('e5'), float('1_0.5'), float(' -inf '))
