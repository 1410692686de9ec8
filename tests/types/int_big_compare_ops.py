# Every comparison operator between big ints (past 64 bits) and small or
# 64-bit ints, both signs, equal magnitudes, plus bools and floats on the
# other side; and str/int round trips of big values near the boundaries.

vals = [0, 1, -1, 7, -7, 2**31, -(2**31), 2**32 - 1, 2**62, -(2**62), 2**63 - 1, -(2**63),
        2**64, -(2**64), 2**64 + 1, 2**95, -(2**95), 3**70, -(3**70), 3**70 + 1, 10**40, -(10**40)]
rows = []
for a in vals:
    for b in vals:
        rows.append('%d%d%d%d%d%d' % (a < b, a <= b, a > b, a >= b, a == b, a != b))
print(len(rows), rows.count('110001'), rows.count('010110'), rows.count('001101'))
print(''.join(r[0] for r in rows))
print(''.join(r[4] for r in rows))
big = 3**70
print(big > True, big == True, -big < False, big > 1.5, -big < -1.5, big < 1e40)
x = big
x += 0
print(x is big or x == big, big >= big, big <= big, not (big < big))
# str / repr / % formatting / int() round trips.
for v in [2**64, -(2**64), 2**64 - 1, 10**19, 10**19 - 1, -(10**19), 10**38, 3**200, -(7**150) - 1]:
    s = str(v)
    print(s == repr(v), int(s) == v, int(s + '  ') == v, int('  ' + s) == v, len(s),
          '%d' % v == s, '%s' % v == s, int(hex(v), 16) == v, int(oct(v), 8) == v, int(bin(v), 2) == v)
print(str(2**200), repr(-(2**130)), '%x' % (2**100 + 255), '%X' % -(2**70 + 10), '%o' % (8**30))
print(int('1' + '0' * 60), int('-' + '9' * 45), int('0x' + 'f' * 30, 16), int('1_000_000_000_000_000_000_000'))
