vals = [0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 63, -(2 ** 63), 2 ** 100, -(2 ** 100)]
print(sorted(vals))
print([v < 2 ** 62 for v in vals])
print(max(vals), min(vals), sum(vals))
print(2 ** 100 == 2 ** 100, 2 ** 100 != 2 ** 100 + 1, hash(2 ** 100) == hash(2 ** 100))
print((2 ** 100) // (2 ** 99), (2 ** 100) % 3, (-(2 ** 100)) % 3)
