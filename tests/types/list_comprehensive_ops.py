a = list(range(10))
a[2:5] = []
print(a)
a[len(a):] = [100]
print(a)
a[:0] = [-1]
print(a)
print(a.index(100), sum(a), max(a), min(a))
nested = [[1, 2], [3]]
flat = [x for sub in nested for x in sub]
print(flat, list(map(len, nested)))
x = [1, 2, 3]
y = x
y += [4]
print(x)
x = x + [5]
print(x, y)
