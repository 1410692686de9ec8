# Big-int paths the boards compute with int-object arithmetic (pow with a
# modulus, divmod, ~, round to negative digits): the same results as the
# digit routines.
vals = [1, 2, 3, -2, -3, 7, 2**40 + 3, -(2**40) - 3, 2**70 + 3, -(2**70) - 3, 10**30 + 7]
mods = [1, -1, 3, -3, 97, -97, 2**61 - 1, 2**70 + 9, -(2**70) - 9]
for b in vals:
    for e in [1, 2, 5, 17, 100, 2**65 + 1]:
        print(b, e, [pow(b, e, m) for m in mods])
print(pow(True, 5, 3), pow(5, True, 3), pow(5, 3, True), pow(2, 0, 3), pow(2, 0, -3), pow(2**70, 0, 3))
for x in [2**64, -2**64, 10**30 + 1, -(10**30) - 1, 2**100 - 1]:
    print(~x, ~~x == x)
    for y in [7, -7, 2**40 + 3, -(2**70) - 3, 10**20 + 1]:
        print(divmod(x, y), divmod(y, x), x // y, x % y)
for v in [15, 25, -15, -25, 150, 250, 12345, 10**20 + 5 * 10**9, -(10**20) - 5 * 10**9, 2**100, 5 * 10**29, 15 * 10**29]:
    print(v, [round(v, n) for n in (-1, -2, -3, -9, -10, -20, -29, -30, -31)])
