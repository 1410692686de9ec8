# Desktop fast paths: 64-bit int arithmetic past the small-int range,
# float/str ordering out of line, and `in` on sets/dicts with small-int
# and str keys, checked against the general semantics.

# Products, sums and bit ops of ints around 2**47 .. 2**64.
state = 2024
out = []
for _ in range(50):
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    out.append(state % 97)
print(out)
vals = [0, 1, -1, 7, -7, 12345, 2**46 - 1, -2**46, 2**46, -2**46 - 1, 2**47, 2**62 + 3,
        2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64 + 5, -(2**70), 1103515245 * 2147483647]
for x in vals:
    row = []
    for y in vals:
        row.append(x + y)
        row.append(x - y)
        row.append(x * y)
        row.append(x & y)
        row.append(x | y)
        row.append(x ^ y)
        row.append((x < y, x <= y, x == y, x != y, x > y, x >= y))
        if y:
            row.append(x // y)
            row.append(x % y)
        if 0 <= y < 70:
            row.append(x >> y)
            row.append(x << y)
    print(x, hash(tuple(row)) == hash(tuple(row)), row[:14])
    print(sum(r for r in row if isinstance(r, int)) % 1000003)
# In-place forms and errors.
a = 2**50
a *= 3
a += 1
a &= 2**52 - 1
a //= 7
a %= 2**40 + 1
print(a)
for bad in (lambda: (2**50) // 0, lambda: (2**50) % 0, lambda: (2**50) >> -1, lambda: (2**50) << -1):
    try:
        bad()
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__)
# Bools and floats with big ints take the general path.
print(True + 2**50, 2**50 * 1.5, 2**50 < 1e300, 2**50 == 2.0**50)


class I(int):
    pass


print(I(2**50) * 3, I(5) + 2**60)
# Float ops (out of line).
print(1.5 * 2, 2 * 1.5, 1.5 < 2, 3 > 2.5, 1.5 + True, 2.0 ** 3, 7.5 // 2, 7.5 % 2)
print(1.5 == 1.5, 1.0 != 1, float('nan') < 1.0)
# Str ordering.
print('a' <= 'b' <= 'c', 'abc' < 'abd', 'b' > 'ab', 'é' > 'z', '' < 'a', 'x' >= 'x')
s = 'x' * 3
print(s <= 'xxx', s > 'xx', 'a' < s)
try:
    'a' < 1
except TypeError:
    print('TypeError')
# `in` on sets and dicts with small ints, qstrs, bools, floats, heap strs.
st = set(range(-20, 20))
for k in range(-25, 25, 3):
    st.discard(k)
print(sorted(st), [k in st for k in range(-25, 25)])
print(1 in {True}, True in {1}, 1.0 in {1}, 1 in {1.0}, 2 in {2.0, 'x'}, 0 in {False})
heap = ''.join(['ab', 'c'])
print(heap in {'abc'}, 'abc' in {heap}, 'abd' in {heap, 1})
d = {i: i * i for i in range(40)}
print(5 in d, 45 in d, -1 in d, 'k' in d, 3.0 in d)
big = set(range(1000))
for i in range(0, 1000, 2):
    big.discard(i)
for i in range(0, 1000, 3):
    big.add(i)
print(len(big), sum(1 for i in range(1200) if i in big))
fz = frozenset(['p', 'q', 7])
print('p' in fz, 'z' in fz, 7 in fz, 8 in fz)
# Iterating strs (ASCII and not), qstrs and heap strs, nested and broken.
for s in ['', 'abc', 'héllo wörld ✓ 😀!', 'x' * 40, ''.join(['a', 'é', 'b'])]:
    print([ord(c) for c in s], len([c for c in s]) == len(s), ''.join([c for c in s]) == s)
out = []
for c in 'abcdef':
    if c == 'd':
        break
    for d in 'xy':
        out.append(c + d)
print(out)


def gen(s):
    for ch in s:
        yield ch.upper()


print([ord(c) for c in gen('anb')], ''.join(c for c in 'hello' if c != 'l'))
class S(str):
    pass


print([c for c in S('sub')])
