# `str % x` reaches the formatter straight from the dispatch loop: the
# one-pass path, the general one behind it, in-place `%=`, and errors.
fmt = '%s=%d'
s = fmt
s %= ('a', 1)
print(s)
print('%s|%5s|%-5s|%05d' % ('x', 'ab', 'cd', -42))
print('%.2f %s' % (1.5, [1, 2]))
print('%r %x %o' % ('q', 255, 8))
print('%(a)s-%(b)d' % {'a': 'k', 'b': 7})
print(len('%s%s' % ('y' * 200, 'z' * 100)))
print('%d%%' % 50)
t = 'n=%d'
for i in range(3):
    t2 = t
    t2 %= i
    print(t2)
# A heap str format (not interned), repeated: the cache keys on it.
h = ''.join(['%', 's', '/', '%', 'd'])
for i in range(3):
    print(h % ('p', i))
for bad in [('x',), ('a', 'b', 'c'), ('a', 'b')]:
    try:
        print('%s %d' % bad)
    except TypeError as e:
        print('TypeError')


class S(str):
    def __mod__(self, o):
        return 'S.__mod__'


print(S('%s') % 1)
print(b'%d-%s' % (3, b'b'))
