print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1.5, 2.5]), sum([1, 2], 10))
print(sum([[1], [2, 3]], []), sum((x * x for x in range(4))), sum([2 ** 70, 2 ** 70]))
print(sum([True, True, False]), sum([0.1] * 10) > 0.99)
try:
    sum(['a', 'b'])
except TypeError:
    print('sum of str')
