print(list(enumerate('abc')), list(enumerate('ab', 10)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1], [2], [3])))
for i, (a, b) in enumerate(zip('xy', 'pq')):
    print(i, a, b)
names = ['a', 'b']
vals = [1, 2]
print(sorted(dict(zip(names, vals)).items()))
z = zip(range(3), range(3, 6))
print(next(z), list(z))
print(list(zip(*[(1, 'a'), (2, 'b')])))
