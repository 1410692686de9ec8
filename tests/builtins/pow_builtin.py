print(pow(2, 8), pow(2, -2), pow(2.5, 2), pow(-2, 3), pow(0, 0))
print(pow(3, 4, 5), pow(10, 100, 7), pow(2, 2 ** 20, 1000))
print(pow(2, 0.5) == 2 ** 0.5)
try:
    pow(2, 3, 0)
except ValueError:
    print('mod zero')
