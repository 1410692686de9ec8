for v in (0, -1, 255, 3.5, -0.25, 1e20, 2 ** 65, True):
    print(str(v), repr(v))
print(int('  42\n'), float('  -1.5e2 '), int('-0x1f', 16), int('0B11', 0))
print(str(123)[::1] if False else str(123)[1:], '%s' % 12.0, '%d' % 12.9, '%.1f' % 2.375)
