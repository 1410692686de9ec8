big = 12345678901234567890123456789
neg = -98765432109876543210
edge = 1073741823
edge2 = 1073741824
edge3 = -1073741824
edge4 = -1073741825
fl = [0.1, 1e100, 1e-07, 2.0, 1e16, 1e15, 0.5, 3.14159, 2.718281828459045, 6.02e23, 1.5e-300]
negz = -0.0
cx = [3j, 1.5j, 0j, 1e20j]
long_str = 'this is a long string that is not interned'
short = 'short'
bs = b'\x00\x01\xff bytes'
tup = (1, 2.5, 'x', (3, 4), b'y', None)
unicode = 'héllo wörld ✓ ☃'
empty = ''
small = [0, -1, -16, -17, 47, 48, 63, 64, -64, -65, 8191, 8192, -8192, -8193, 1000000]
print(big, neg, fl, cx, long_str, short, bs, tup, unicode, small)
