print(list(range(3)), list(range(1, 4)), list(range(0, 10, 5)), list(range(5, 0, -2)))
print(list(range(-3)), list(range(2, 2)), range(7)[3], len(range(1, 100, 9)))
print(list(range(2 ** 30 - 1, 2 ** 30 + 2)))
try:
    range(1.5)
except TypeError:
    print('float range')
