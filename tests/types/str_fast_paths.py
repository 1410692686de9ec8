# str.split/startswith and %-formatting fast paths (desktop) against the general ones.
class S(str):
    pass
cases = ['', ' ', 'a', ' a b  c ', 'a,b,,c,', ',', '\t\nx y\r\n', 'a'*50 + ' b']
for c in cases:
    for sep in (None, ',', ' ', ',,', 'b'):
        for m in (-1, 0, 1, 2):
            print(repr(c), repr(sep), m, c.split(sep, m), c.split(sep), S(c).split(sep, m), c.rsplit(sep, m))
print(S('a b').split())
print('a b'.split(maxsplit=1), 'a b c'.split(sep=' ', maxsplit=1))
try:
    'a'.split('')
except ValueError as e:
    print('VE', e)
try:
    'a'.split(1)
except TypeError as e:
    print('TE')
print('%06d|%-5s|%5s|%x|%05.1f|%c|%%|%+d|% d' % (42, 'ab', 'cd', 255, 3.14159, 'z', 7, 7))
print('%-6d|%6d|%.3d|%*d|%s' % (-3, -3, 5, 4, 9, [1]))
print('{:>8}|{:<4}|{:^7}|{:08.3f}|{}'.format('x', 1, 'mid', 2.5, None))
t = ','.join([str(i) for i in range(40)])
print(t.split(','), t.split(',', 20), t.replace(',', ' ').split(), t.split(',1'))
print(len(('x ' * 1000).split(' ')), ('a' * 17).split('a'), ''.split(','), ','.split(','))
for v in (0, 7, -7, 123456, -123456, 2**40, -2**40, 2**62, -2**62, 2**100, True, False, 3.7, -3.7):
    for f in ('%d', '%i', '%u', '%5d', '%-5d', '%05d', '%-05d', '%+d', '% d', '%.3d', '%#d', '%1d', '%08i', '%-8u|', '%*d', '%0*d', '%-*d'):
        try:
            print(f, repr(f % ((6, v) if '*' in f else v)))
        except Exception as e:
            print(f, type(e).__name__, e)
print('%06d %s %s latency=%d' % (42, 'db', 'INFO', 300))
class S(str): pass
for s in ('abc', '', 'ab', S('abc')):
    for p in ('a', '', 'abc', 'abcd', 'c', ('x', 'a'), S('a')):
        print(s.startswith(p), s.endswith(p), s.startswith(p, 0), s.endswith(p, 0, 2))
for bad in (1, None, b'a'):
    try:
        'abc'.startswith(bad)
    except TypeError as e:
        print('TE')
print(b'abc'.startswith(b'a'), 'é'.startswith('é'), 'é'.endswith(''))
class S(str): pass
for a in ('ab', '', S('sub'), 5, None, [1], b'x'):
    for f in ('%s', '%5s', '%-5s', '%.1s', '%r', '%a', '[%s|%s]'):
        try:
            print(f, repr(f % ((a, a) if f.count('%') == 2 else a)))
        except Exception as e:
            print(f, type(e).__name__, e)
print(b'%s' % b'ab', '%s' % ('x',), '%(a)s' % {'a': 'q'})
