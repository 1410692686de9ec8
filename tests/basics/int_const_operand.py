# Integer constants in code, of every operand length (LOAD_CONST_SMALL_INT
# takes 1 to 9 bytes of 7-bit groups; larger ones are constant objects),
# positive and negative, at the group boundaries.
def consts():
    return (
        0, 1, 63, 64, 127, 128, -1, -64, -65, -128, -129,
        8191, 8192, -8192, -8193, 16383, 16384, -16384, -16385,
        1048575, 1048576, -1048576, -1048577, 1664525, -1664525,
        134217727, 134217728, -134217728, -134217729,
        1013904223, -1013904223, 0x7FFFFFFF, 0xFFFFFFFF, -0xFFFFFFFF,
        17179869183, 17179869184, -17179869184, -17179869185,
        2199023255551, 2199023255552, -2199023255552, -2199023255553,
        0x3FFFFFFFFFFF, 0x400000000000, -0x400000000000, -0x400000000001,
        281474976710655, 2 ** 62, -(2 ** 62), 2 ** 70,
    )


t = consts()
print(len(t))
for x in t:
    print(x, hex(x))
h = 0
for i in range(50):
    h = (h * 1103515245 + 12345) & 0x7FFFFFFF
    h ^= 0x5DEECE66D & 0xFFFFFFFF
print(h)
print(sum(t[:40]), sum(t) - 2 ** 70)
