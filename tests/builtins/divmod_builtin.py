for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (2 ** 70, 3), (-(2 ** 70), 7)):
    print(a, b, divmod(a, b))
print(divmod(7.5, 2), divmod(-7.5, 2.5))
try:
    divmod(1, 0)
except ZeroDivisionError:
    print('divmod zero')
