print(int(1e10), int(-1e15), int(2.0 ** 70), float(2 ** 60))
print(int('  12  '), float('.5'), float('5.'), float('-0.0'))
print(str(float('inf')), str(-float('inf')), str(float('nan')))
print(round(3.7), round(-3.7), round(3.14159, 3), round(1234.5, -2), round(5, -1))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
for bad in ('', 'abc', '1.2.3', '0x', '1e'):
    try:
        float(bad)
    except ValueError:
        print('bad float', repr(bad))
for bad in ('', '1.5', 'abc', '0x1g'):
    try:
        int(bad, 0) if bad.startswith('0x') else int(bad)
    except ValueError:
        print('bad int', repr(bad))
