data = [('b', 2), ('a', 3), ('c', 1), ('d', 0)]
print(sorted(data), sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: -t[1]))
print(sorted(data, key=lambda t: t[0], reverse=True))
print(sorted([5, 3, 9], key=lambda x: x % 5))
