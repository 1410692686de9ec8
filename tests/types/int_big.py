a = 2 ** 100
b = 3 ** 70
print(a, b)
print(a + b, a - b, a * b)
print(a // 7, a % 7, -a // 7, -a % 7)
print(b // a, b % a, divmod(b, a))
print(a == 2 ** 100, a > b, a < b, -a < b)
print(str(10 ** 50)[:10], len(str(10 ** 50)))
x = 1
for i in range(1, 40):
    x *= i
print(x)
print(x // (x // 12345), x % 1000007)
print(int('123456789' * 5), int('-' + '9' * 40) + 1)
print(hex(2 ** 80), oct(2 ** 70), bin(2 ** 65))
print(abs(-a) == a, -(-a) == a)
