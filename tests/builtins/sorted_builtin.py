print(sorted([3, 1, 2]), sorted('cab'), sorted((9, 8)), sorted({3: 'a', 1: 'b'}))
print(sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'c'], key=str.lower))
print(sorted(range(10), key=lambda x: (x % 3, x)))
l = [2, 1]
s = sorted(l)
print(l, s)
print(sorted({'x', 'y', 'z'}), sorted(x for x in [5, 4]))
