a = 10
a /= 4
print(a)
b = 7
b //= 2
b **= 2
print(b)
c = 2 ** 62
c *= 4
c -= 1
print(c)
d = 1.5
d *= 2
d %= 2
print(d)
e = -9
e >>= 1
e <<= 3
e &= 0xff
e |= 1
e ^= 3
print(e)
