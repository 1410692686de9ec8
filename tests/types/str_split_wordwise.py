# str.split with a one-character separator over texts longer than a word
# (eight bytes), separators at every position, runs, ends, and non-ASCII
# text; str hashes of heap strs of many lengths (dict keys, interning).
for sep in ' ', '=', ',', '\x00', '\x7f', '\x01':
    for n in range(0, 26):
        for k in range(0, n + 1, 3):
            s = 'ab' * (n // 2) + 'c' * (n % 2)
            t = s[:k] + sep + s[k:] + sep
            parts = t.split(sep)
            assert sep.join(parts) == t, (sep, n, k)
            assert len(parts) == t.count(sep) + 1
    print(repr(sep), 'a{0}b{0}{0}cdefghijklmnopq{0}r{0}'.format(sep).split(sep))
print('|'.join('héllo wörld ünïcode ✓ text'.split(' ')))
print('|'.join('éàü=ö=✓✓✓✓✓✓✓✓=x'.split('=')))
print((('x' * 8 + ' ') * 4).split(' '))
print(' '.split(' '), ''.split(' '), '        '.split(' '))
print([len(p) for p in '\xff\x01\x01\x80 \x01'.split('\x01')])
ts, svc, lvl, kv = '000123 auth INFO latency=123'.split(' ')
key, val = kv.split('=')
print(ts, svc, lvl, key, val, int(ts) + int(val))
# Heap strs of many lengths as dict keys: the hash must match the text's.
d = {}
for n in range(1, 70):
    k = ''.join(chr(97 + i % 26) for i in range(n))
    d[k] = n
for n in range(1, 70):
    k = 'abcdefghijklmnopqrstuvwxyz' * 3
    assert d[k[:n]] == n
print(len(d), sum(d.values()))
# %d widths around powers of ten.
for v in (0, 9, 10, 99, 100, 999999, 1000000, -1, -10, 2**40, -(2**40)):
    print('[%5d|%-8d|%08d|%d]' % (v, v, v, v))
