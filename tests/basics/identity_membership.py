a = [1, 2]
b = [1, 2]
print(a == b, a is b, a is not b)
print(None is None, 2 in a, 3 not in a, 'b' in 'abc', 'x' not in 'abc')
print(1 in {1: 'a'}, 'a' in {1: 'a'}, 2 in {2, 3}, 3 in range(5), 5 in range(5))
print([] in [[]], (1,) in [(1,)])
class Box:
    def __contains__(self, x):
        return x == 'magic'
print('magic' in Box(), 'other' in Box())
class It:
    def __iter__(self):
        return iter([7, 8])
print(8 in It(), 9 in It())
