# Paths str, bytes and bytearray share (subscripts, operators, iteration),
# including the boards' own ones: stepped slices by a cursor walk, `%s`
# through the general printer, one-char case changes, tuple indices.
ss = ['', 'é', 'aé', 'héllo ☃ 𝄞!', 'abc', b'', b'ab\xff\x00z', bytearray(b'hi\x80yo')]
for s in ss:
    out = []
    for a in (None, 0, 1, -1, -3, 9):
        for b in (None, 0, 2, -1, -9):
            for c in (None, 1, 2, -1, -2, 3):
                r = s[a:b:c]
                out.append((type(r).__name__, [x if isinstance(x, int) else ord(x) for x in r]))
    print(out)
    print([s[i] if isinstance(s[i], int) else ord(s[i]) for i in range(-len(s), len(s))])
    for bad in (len(s), -len(s) - 1):
        try:
            s[bad]
        except IndexError:
            print('IndexError')
print('abc'[:] == 'abc', 'a'.upper(), 'Z'.lower(), 'aB'.swapcase() if hasattr('', 'swapcase') else 'Ab')
print('%s|%5s|%-5s|%.2s|%5.1s|' % ('ab', 'cd', 'é', 'xyz', 'q'), b'%s|%4s' % (b'ab', b'c'))
print('{}|{:>4}|{:^5}|{!r}'.format('a', 'b', 'c', 'd'))
print(b'ab' * 3, 3 * bytearray(b'x'), 'é' * 2, 'a' + 'é', b'a' + bytearray(b'b'), bytearray(b'a') + b'c')
ba = bytearray(b'ab'); b2 = ba; ba *= 3; ba += b'z'; print(ba, b2 is ba)
print([1] * 3 + [2], (1,) * 0, () + (1,), (1, 2) * 2, [1, 2][:], (1, 2, 3)[::-1], (1, 2, 3)[1], (1, 2)[-1])
l = [1, 2]; l *= 2; print(l, l.copy(), list((3, 4)), tuple([5, 6]), tuple(range(3)))
it = iter('aé'); print(it.__next__(), next(it))
it = iter(b'ab'); print(it.__next__(), list(it), list(iter(bytearray(b'xy'))))
print(list(zip()), list(zip('ab', [1, 2, 3])), list(map(lambda a, b: a + b, [1, 2], [3, 4])))
print(sorted(frozenset([3, 1])), sorted(set([2, 1])), {1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset([1]))
print('abc'.find('c'), 'abc'.rfind('z'), 'aaa'.count('a'), 'aé'.index('é'), b'abc'.rindex(b'b'), 'héé'.count('é', 1))
try:
    'abc'.index('z')
except ValueError as e:
    print(e)
print('a b  c'.split(), 'a,b'.split(sep=','), ' a b '.rsplit(None, 1), 'a b'.split(**{'maxsplit': 0}))
print(hash('abc') == hash('abc'), len('é'), len(b'ab'), len(bytearray(3)), bool(''), bool(b'x'))
print(b'\x01\xfe'.hex(), bytearray(b'ab').hex(), '\n\t\\\'"é'.encode(), repr('a\x00\x7f'))
