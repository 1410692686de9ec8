print(2 + 3 * 4 ** 2, (2 + 3) * 4, -2 ** 2, (-2) ** 2, not 1 == 2)
print(1 | 2 ^ 3 & 4, (1 | 2) ^ (3 & 4), 1 << 2 + 1, 8 >> 1 - 1)
print(3 > 2 and 2 > 1 or 0, not 0 and 1, 1 or 0 and 0)
print(2 * 3 % 4, 2 * (3 % 4), 7 // 2 * 2, -7 // 2 * 2)
print(1 if 0 else 2 if 1 else 3, [1, 2][0] + 1, 'ab' * 2 + 'c')
x = 5
print(x == 5 == 5.0, x in [5] == True)
