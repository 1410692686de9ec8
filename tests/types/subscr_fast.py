# Subscripts of list, tuple, bytes, bytearray and str by small ints (the
# VM's fast path) and by everything else (the general path): edges,
# negative indices, out of range, bools, big ints, subclasses.


# Errors print just their type (and for IndexError whether the message
# says "index out of range"): the wording differs between CPython and
# MicroPython (`bytes index out of range`, `doesn't support`).
def show(f):
    try:
        r = f()
        print(repr(r) if not isinstance(r, str) else ('str', len(r), [ord(c) for c in r]))
    except IndexError as e:
        print('IndexError', 'index out of range' in str(e))
    except Exception as e:
        print(type(e).__name__)


# Indices too big for a machine word: IndexError on CPython, OverflowError
# on MicroPython.
def too_big(f):
    try:
        f()
        print('no error')
    except (IndexError, OverflowError):
        print('error')


big = 2 ** 70
seqs = [
    [10, 20, 30],
    (10, 20, 30),
    b'\x00\x7f\xff',
    bytearray(b'\x00\x7f\xff'),
    'abc',
    'h\xe9llo \u20ac!',
    '\u20acxy',
    'xy\u20ac',
    '',
    b'',
    (),
]
for s in seqs:
    n = len(s)
    print(type(s).__name__, n)
    for i in (0, 1, n - 1, n, n + 1, -1, -2, -n, -n - 1, 1000, -1000):
        show(lambda: s[i])
    show(lambda: s[True])
    show(lambda: s[False])
    too_big(lambda: s[big])
    too_big(lambda: s[-big])

# A longer str: ASCII before, at and after a multi-byte char.
t = 'a' * 40 + '\xe9' + 'b' * 40 + '\u20ac' + 'c' * 3
for i in (0, 39, 40, 41, 80, 81, 82, 83, 84, 85, -1, -3, -4, -5, -44, -45, -85, -86):
    show(lambda: t[i])
print([t[i] for i in range(len(t))] == list(t))
print([t[i] for i in range(-len(t), 0)] == list(t))
u = 'x' * 30
print(u[0], u[29], u[-30], u[-1])

# Characters are the same objects as 1-char literals compare equal to.
print('abc'[1] == 'b', 'abc'[-1] == 'c', 'h\xe9llo'[1] == '\xe9')

# Stores.
l = [1, 2, 3]
l[0] = 'a'
l[-1] = 'c'
print(l)
ba = bytearray(4)
ba[0] = 255
ba[-1] = 7
ba[True] = 1
ba[-2] = 0
print(ba)
for i, v in ((4, 1), (-5, 1), (0, 'x'), ('0', 1), (1.0, 1)):
    def st():
        ba[i] = v
        return ba
    show(st)


def st_big():
    ba[big] = 1


too_big(st_big)
for i, v in ((3, 1), (-4, 1), (True, 'x')):
    def st2():
        l[i] = v
        return l
    show(st2)


def st2_big():
    l[big] = 1


too_big(st2_big)
for s in ((1, 2), b'ab', 'ab'):
    def st3():
        s[0] = 1
    show(st3)

# Non-int indices.
for s in ([1], (1,), b'a', bytearray(b'a'), 'a'):
    show(lambda: s[1.0])
    show(lambda: s[None])


# Subclasses go through the general path and may override it.
class L(list):
    def __getitem__(self, i):
        return ('L', i)


class T(tuple):
    pass


class B(bytes):
    pass


class S(str):
    pass


class BA(bytearray):
    pass


print(L([1, 2])[0], T((1, 2))[-1], B(b'xy')[1], S('xy')[-1], BA(b'xy')[0])
ba2 = BA(b'xy')
ba2[0] = 65
print(ba2[0], ba2[-1])

# Loops over every index (the benchmark shape).
b = bytes(range(256))
print(sum(b[i] for i in range(256)), sum(b[-i] for i in range(1, 257)))
ba = bytearray(b)
for i in range(256):
    ba[i] = 255 - ba[i]
print(sum(ba), ba[0], ba[-1])
tu = tuple(range(100))
print(sum(tu[i] for i in range(-100, 100)))
