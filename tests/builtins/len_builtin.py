print(len(''), len('abc'), len([1, 2]), len(()), len({1: 2}), len({1, 2, 3}), len(range(10)), len(b'ab'))
print(len(bytearray(5)), len('€'), len(range(0, 10, 3)), len(range(10, 0, -1)))
class L:
    def __len__(self):
        return 7
print(len(L()))
try:
    len(5)
except TypeError:
    print('no len')
