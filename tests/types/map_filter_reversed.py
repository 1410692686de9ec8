print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])))
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])), list(filter(lambda x: x > 1, range(4))))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(4))), list(reversed((1, 2))))
m = map(str, range(3))
print(next(m), list(m), list(m))
class R:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 2
print(list(reversed(R())))
print(''.join(map(chr, range(65, 70))))
