# dict.__getitem__/__setitem__/__delitem__ and set.__contains__ called
# explicitly, including from a subclass's override (no recursion).
d = {1: 'a'}
print(dict.__getitem__(d, 1))
dict.__setitem__(d, 2, 'b')
print(sorted(d.items()))
dict.__delitem__(d, 1)
print(d)
try:
    dict.__getitem__(d, 99)
except KeyError as e:
    print('KeyError', e)
print(set.__contains__({1, 2}, 2), frozenset.__contains__(frozenset([3]), 4))


class D(dict):
    def __getitem__(self, k):
        return dict.__getitem__(self, k) * 2

    def __setitem__(self, k, v):
        dict.__setitem__(self, k, v + 1)


x = D()
x['a'] = 1
print(x['a'], dict.get(x, 'a'))


class S(set):
    def __contains__(self, v):
        return set.__contains__(self, v) or v == 99


s = S([1])
print(1 in s, 99 in s, 5 in s)
