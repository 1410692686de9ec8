for n in (0, 1, 7, 8, 255, -255, 1024, 2 ** 40, -(2 ** 65)):
    print(bin(n), hex(n), oct(n))
try:
    hex(1.5)
except TypeError:
    print('hex of float')
