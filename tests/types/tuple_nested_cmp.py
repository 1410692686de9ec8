data = [(2, 'b', 1.5), (1, 'z', 0), (2, 'a', 9), (1, 'z', -1)]
print(sorted(data))
print(max(data), min(data))
print((1, (2, 3)) < (1, (2, 4)), ((),) == ((),), (1, 2) + () == (1, 2))
print(tuple(sorted(set((3, 1, 3, 2)))))
