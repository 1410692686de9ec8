for n in (0, 1, -1, 255, -255, 2 ** 40, -(2 ** 70)):
    print(n, str(n), repr(n), hex(n), oct(n), bin(n))
print(int(str(2 ** 200)) == 2 ** 200)
print('%d %i %x %X %o' % (255, -3, 255, 255, 8))
print(str(-0), int('-0'), int('000'))
