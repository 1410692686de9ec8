# Comparison operators on every kind that shares the boards' one
# ordering table: floats (NaN unordered), big ints, tuples/lists, strs,
# bytes.
nan = float("nan")
vals = [(1.5, 2.5), (2.5, 1.5), (1.0, 1.0), (nan, 1.0), (1.0, nan), (nan, nan), (-0.0, 0.0), (float("inf"), 1e30)]
for a, b in vals:
    print(a < b, a > b, a == b, a != b, a <= b, a >= b)
B = 2**70
for a, b in [(B, B + 1), (B + 1, B), (B, B), (-B, B), (B, -B), (-B - 1, -B)]:
    print(a < b, a > b, a == b, a != b, a <= b, a >= b)
for a, b in [((1, 2), (1, 3)), ((1, 2), (1, 2)), ((1, 2), (1,)), ((), ()), ([1, "a"], [1, "b"]), ((2,), (1, 5)), ((1.5,), (nan,))]:
    print(a < b, a > b, a == b, a != b, a <= b, a >= b)
for a, b in [("abc", "abd"), ("é", "z"), ("", ""), (b"ab", b"a"), (b"\xff", b"\x00"), (bytearray(b"x"), b"x")]:
    print(a < b, a > b, a == b, a != b, a <= b, a >= b)
