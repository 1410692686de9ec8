a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = 'xyz'
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = (1, 2)
print(a, b, c)
(a, b), c = (1, 2), 3
print(a, b, c)
[a, [b, *c]] = [0, [1, 2, 3]]
print(a, b, c)
x = y = z = 7
print(x, y, z)
a, b = b, a
print(a, b)
try:
    a, b = [1, 2, 3]
except ValueError:
    print('too many')
try:
    a, b, c = [1, 2]
except ValueError:
    print('too few')
