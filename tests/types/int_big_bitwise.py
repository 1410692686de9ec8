a = (1 << 90) | 12345
b = (1 << 85) - 1
print(a & b, a | b, a ^ b)
print(a >> 80, a << 7, b >> 1)
print(-a & b, -a | 5, -a ^ b, ~a)
print((-a) >> 3, (-1 << 100) >> 99)
print((1 << 64) - 1, (1 << 63), -(1 << 63))
print(0xFFFFFFFFFFFFFFFFFFFF & 0x123456789ABCDEF0123)
