# Edge cases of the desktop fast paths of %-formatting, join and the
# qstr lookup every new str makes (results must not depend on them).

# % with small ints: widths, flags, signs, every digit count.
for a in [0, 7, -7, 9, 10, 99, 100, -100, 12345, -12345, 2**31, -(2**31),
          2**40, -(2**40), 10**17, 10**18 - 1, -(10**18 - 1)]:
    print('%d|%5d|%-5d|%05d|%s|%3s|%-3s|%06d|%i|%u|%1d|%0d' % (a, a, a, a, a, a, a, a, a, a, a, a))
print('%06d %s %s latency=%d' % (12, 'auth', 'INFO', 345))
print('%s%%%s' % ('a', 'b'), '%% %s' % 'x', '%s' % 'héllo', '%5s|%-5s|' % ('hé', 'ñ€'))
print('%s' % 'x', '%d' % 5, '%s' % ('abc',), '%s-%d' % ('€', -3), '%%' % ())
print('abc' % (), repr('' % ()))
# Results around the fast path's buffer size.
for n in (240, 250, 255, 256, 257, 300):
    r = ('x' * n + '%s|%05d') % ('ab', 42)
    print(n, len(r), r[-10:])
print(len('%0300d' % 5), len('%-300s|' % 'a'), len('%300d' % -5))
# Strs made by formatting equal (and hash as) interned ones.
k = '%s' % 'latency'
d = {'latency': 1, 'auth': 2}
print(k == 'latency', d[k], d['%s%s' % ('au', 'th')], hash(k) == hash('latency'))
for bad in [('%d', ()), ('%s %s', ('a',)), ('%s', ('a', 'b')), ('%z', (1,)), ('%', (1,)),
            ('%d', ('x',)), ('%s %d', ('a', 'b'))]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError) as e:
        print(type(e).__name__)

# join: one-character items, empty separators, non-ASCII, subclasses.
print(''.join(['a', 'b', 'c']), ''.join([]), '-'.join([]), '-'.join(['a']))
print(''.join(('x', 'y')), ''.join(['é', 'a']), ''.join(['ab', 'c']), ', '.join(['a', 'b']))
print(repr(''.join(['\x00', '\x7f', '\n'])), '€'.join(['a', 'b']), ''.join(['€']))
class S(str):
    pass
print(S('-').join(['a', 'b']), '-'.join([S('a'), 'b']), type(''.join([S('a'), 'b'])) is str)
for bad in (['a', 1], ['a', b'x'], [None]):
    try:
        ''.join(bad)
    except TypeError:
        print('TypeError')
print(b''.join([b'a', b'b']), ''.join(x for x in 'abc'), ''.join('xyz'))
w = ''.join(['r', 'i', 'v', 'e', 'r'])
print(w, len(w), w == 'river', hash(w) == hash('river'), {'river': 1}[w])

# split: pieces equal to names, numbers and non-ASCII text, maxsplit.
line = '000123 auth INFO latency=123'
ts, svc, lvl, kv = line.split(' ')
key, val = kv.split('=')
print(ts, svc, lvl, key, val, int(ts) + int(val), {'latency': 7}[key], svc == 'auth')
print('a,b,,c'.split(','), 'a,b,,c'.split(',', 1), ''.split(','), '  a  b '.split())
print('|'.join('é€x€'.split('€')), len('é€x€'.split('€')), '|'.join('aéb é'.split()))
print('a b c d'.split(None, 2), 'a b c'.split(' ', 0), 'xaxbx'.split('x'), 'ab'.split('ab'))
try:
    'a'.split('')
except ValueError:
    print('ValueError')
many = ' '.join(str(i) for i in range(40))
print(len(many.split(' ')), many.split(' ')[-3:])
