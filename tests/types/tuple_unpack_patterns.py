t = (1, (2, 3), [4, 5])
a, (b, c), [d, e] = t
print(a, b, c, d, e)
first, *middle, last = range(6)
print(first, middle, last)
pairs = [(i, chr(97 + i)) for i in range(3)]
nums, letters = zip(*pairs)
print(nums, letters)
(x, y), z = 'ab', 'c'
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p * q)
