print(min(3, 3.0), max(0, False), min('b', 'a', 'c'), max([[1], [0, 5]]))
print(min((1, 2), (1,)), max('abc', 'abd'))
print(min([5, 3, 8], key=lambda x: -x), max({1: 'a', 9: 'b'}))
