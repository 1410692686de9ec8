import math
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), round(-2.5))
print(divmod(7.5, 2), divmod(-7.5, 2))
print(7.5 % -2, -7.5 % -2)
print(2.0 ** -2, (-8.0) ** 3, 10.0 ** 10)
print(float('inf') > 1e308, -float('inf') < -1e308, float('inf') + 1)
print(math.isnan(float('nan')), math.isinf(float('-inf')), math.isfinite(1.0))
try:
    1.0 / 0
except ZeroDivisionError:
    print('float div zero')
try:
    1.0 % 0
except ZeroDivisionError:
    print('float mod zero')
