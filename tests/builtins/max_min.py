print(max(1, 5, 3), min(1, 5, 3), max([4, 9, 2]), min('hello'), max('a', 'b'))
print(max([1, -5, 3], key=abs), min([1, -5, 3], key=abs), max(['aa', 'b', 'ccc'], key=len))
print(max([], default='empty'), min([], default=None), max([1], default=9))
print(max((1, 'a'), (1, 'b')), min(2.5, 2), max(range(10)))
try:
    max([])
except ValueError:
    print('empty max')
print(max(x * x for x in range(-5, 3)))
