l = [1, 2, 3, 2, 1]
print(l.index(2), l.index(2, 2), l.count(1), l.count(9))
l.insert(-100, 0)
print(l)
l.extend(range(3))
l.extend('ab')
print(l)
print(l.pop(-2), l.pop(2), l)
l2 = [[1], [2]]
l3 = l2.copy()
l3[0].append(9)
print(l2, l3 is l2)
print([1, 2] * 0, [None] * 2, list(reversed(l2)))
