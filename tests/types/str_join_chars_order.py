# str.join of one-character strs (gathered on the stack up to 32 items)
# and ordering comparisons of interned one-character and longer strs.
chars = list('abcdefghijklmnopqrstuvwxyzABCDEF')
print(len(chars), ''.join(chars))
print(''.join(chars + ['G']))
print(''.join(chars[:31] + ['é']))
print(repr(''.join([])), repr(''.join(['x'])), repr(''.join(('a', 'b'))))
print(''.join(['a', 'bc', 'd']), ''.join(['\n', '\t', ' ']))
print(''.join(['a', 'b']) == 'ab', ''.join(['a', 'b']) is not None)
d = {}
for w in ['ab', 'ab', 'cd']:
    k = ''.join(list(w))
    d[k] = d.get(k, 0) + 1
print(sorted(d.items()))
try:
    ''.join(['a', 1])
except TypeError:
    print('TypeError')
try:
    ''.join(['a'] * 5 + [None])
except TypeError:
    print('TypeError')
print('-'.join(['a', 'b']), ''.join(x for x in 'xyz'))
for a in ['a', 'z', 'A', 'Z', '0', ' ', 'é', 'ab', '', 'zz']:
    print(a, [a < b for b in 'aZ'], [a <= b for b in 'aZ'], [a > b for b in 'aZ'], [a >= b for b in 'aZ'],
          'a' <= a <= 'z', a == 'a', a != 'a')
print('apple' < 'banana', 'abc' <= 'abc', 'b' > 'abc', 'ab' >= 'abc')
try:
    'a' < 1
except TypeError:
    print('TypeError')
try:
    1 <= 'a'
except TypeError:
    print('TypeError')
