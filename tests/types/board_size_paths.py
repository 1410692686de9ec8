# Paths that have smaller board-only bodies (sztypes): sort, strip,
# complex/int parsing, reprs, %c on bytes, errno names, set/frozenset and
# str/bytes/bytearray methods, str+str operators.

# sort: stability, keys, reverse, errors leave the list unchanged
data = [(3, "a"), (1, "b"), (3, "c"), (2, "d"), (1, "e"), (3, "f"), (0, "g")]
print([t[0] for t in sorted(data, key=lambda t: t[0])])
print([t[0] for t in sorted(data, key=lambda t: t[0], reverse=True)])
print(sorted(data, key=lambda t: t[1], reverse=True))
print(sorted(data, key=lambda t: -ord(t[1])))
l = [5, 3, 9, 1, 1, 7, 0, -2, 8, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
print([len(w) for w in sorted("the quick brown fox jumps over the lazy dog".split(), key=len)])
print(sorted([], key=len), sorted([1]), sorted([2, 1]))
big = [(i * 7919) % 101 for i in range(200)]
print(sorted(big) == sorted(big, reverse=True)[::-1], sorted(big)[:10])
m = [3, 1, "x", 2]
try:
    m.sort()
except TypeError:
    print("TypeError", m)
try:
    sorted([1, 2, None])
except TypeError:
    print("TypeError none")
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "K%d" % self.v
print(sorted([K(2), K(1), K(3), K(0)]))

# strip with whitespace, ASCII and non-ASCII sets
for s in ["  a b  ", "\t\n x \r\x0b\x0c", "", "   ", "xxaxx", "éaé", "ééaéé", "aé"]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip("x")), repr(s.strip("é")), repr(s.strip("éx ")))
print(b"  ab  ".strip(), b"xxabxx".strip(b"x"), bytearray(b"\x80a\x80").strip(b"\x80"), b"ab".lstrip(b"ba"))
print("abcba".strip("ab"), "a".rstrip(""), "  ".strip())

# str + str and comparisons without a fast path on boards
a = "abc"
print(a + "", "" + a, a + "déf", a < "abd", a > "ab", a <= "abc", a >= "abd", a == "abc", a != "abc")
print("é" < "z", "z" < "é", "b" in a, "x" in a, "" in a, "bc" in a)

# complex() from text
for t in ["1+2j", "2j", "j", "-j", "+j", "3", " 1.5-2.5j ", "1e3+1e-3j", "-1E2J", "\t4\n"]:
    print(t.strip(), complex(t))
for t in ["", "1+", "j1", "1+2k", "é"]:
    try:
        complex(t)
    except ValueError:
        print("ValueError", repr(t))

# int() from text
for t in ["0", "-0", "+17", " 42 ", "1_000", "123456789012345678901234567890", "-98765432109876543210", "7" * 40]:
    print(int(t))
print(int("ff", 16), int("-0x10", 0), int("0b101", 0), int("z", 36), int(b"12"), int(bytearray(b"-3")))
for t, b in [("12a", 10), ("", 10), ("0x", 16), ("09", 0)]:
    try:
        int(t, b)
    except ValueError as e:
        print("ValueError", e)

# reprs
print(repr("a'b"), repr('a"b'), repr("a'\"b"), repr("\\\n\r\t\x00\x1f\x7f\x80\xff"))
print(repr("é€😀 \u0100\uffff\U00010000"))
print(repr(b"a'b"), repr(b'a"b'), repr(b"a'\"b"), repr(bytes(range(0, 256, 7))))
print(repr(bytearray(b"x'")), repr(""), repr(b""), [("é", b"\xe9")])

# %c on str
print("%c|%3c|%-3c|" % (65, 66, 67), "%c%3c" % ("e", 0x41))

# errno names
for n in [1, 2, 5, 9, 11, 12, 13, 17, 19, 21, 22, 110, 115, 3, 999]:
    print(str(OSError(n)), end=" ")
print()
print(str(OSError(2, "gone")))

# set / frozenset methods
fs = frozenset([1, 2])
print(sorted(fs.union([3])), sorted(fs.intersection([2])), sorted(fs.difference([1])), sorted(fs.symmetric_difference([2, 5])))
print(fs.issubset([1, 2, 3]), fs.issuperset([1]), fs.isdisjoint([7]), 1 in fs, fs.copy() == fs)
print(hasattr(fs, "add"), hasattr(fs, "update"), hasattr(set(), "add"), hasattr(set(), "union"))

# str/bytes/bytearray method tables
print(hasattr("", "encode"), hasattr("", "decode"), hasattr("", "hex"), hasattr("", "append"))
print(hasattr(b"", "encode"), hasattr(b"", "decode"), hasattr(b"", "hex"), hasattr(b"", "append"), hasattr(b"", "fromhex"))
print(hasattr(bytearray(), "decode"), hasattr(bytearray(), "append"), hasattr(bytearray(), "extend"), hasattr(bytearray(), "encode"))
print("é".encode(), b"\xc3\xa9".decode(), bytes.fromhex("4142"), bytearray.fromhex("43"), b"AB".hex())
ba = bytearray(b"ab")
ba.append(99)
ba.extend(b"de")
print(ba, ba.upper(), ba.split(b"c"), "x,y".split(","), b"x y".split())
print("{}-{!r}-{:>4}-{{}}-{0}".format("a", "b", 7) if False else "{}-{!r}-{:>4}-{{x}}".format("a", "b", 7))
