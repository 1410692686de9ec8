a = complex(1, 2)
b = complex(3, -1)
print(a + b, a - b, a * b, a == complex(1, 2))
q = a / b
print('%.4f %.4f' % (q.real, q.imag))
print(abs(complex(-6, 8)), complex('3+4j') if False else complex(3, 4))
print(a * 2, 2 * a, a + 1, 1 - a, -a)
print(2j * 3j, (1 + 1j) * (1 - 1j))
