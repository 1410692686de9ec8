# Binary ops on int pairs that fit 64 bits (small ints and big ints of up
# to two digits) and on pairs with a longer operand: the dispatch loop's
# int paths, results and errors as the general path gives them.
vals = [0, 1, -1, 7, -7, 2**31, 2**46 - 1, -2**46, 2**47, -2**47 - 1,
        2**62 + 3, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64 - 1, 2**64,
        2**70 + 5, -2**70]
for x in vals:
    for y in vals:
        r = [x + y, x - y, x * y, x & y, x | y, x ^ y,
             x < y, x > y, x <= y, x >= y, x == y, x != y]
        if y:
            r += [x // y, x % y]
        if 0 <= y < 80:
            r += [x << y, x >> y]
        print(x, y, r)
# In-place forms.
for x in vals:
    a = x
    a += 2**40
    a *= 3
    a -= 1
    a //= 5
    a %= 2**61 + 1
    a <<= 2
    a >>= 1
    a &= 2**64 - 1
    a |= 1
    a ^= 2**33
    print(x, a)
# The ops the fast paths leave to the general path, and their errors.
print((2**50) ** 2, 2**63 // -1, -2**63 // -1, -2**63 % -1, (-2**63) * -1)
print(2**50 / 2**10, 2**60 / 4)
for op in (lambda a, b: a // b, lambda a, b: a % b, lambda a, b: divmod(a, b)):
    for a in (2**50, -2**63, 2**70):
        try:
            print(op(a, 0))
        except ZeroDivisionError as e:
            print("ZeroDivisionError")
for a in (2**50, 2**70):
    try:
        print(a << -1)
    except ValueError as e:
        print("ValueError", e)
    try:
        print(a >> -1)
    except ValueError as e:
        print("ValueError", e)
# A linear congruential generator (products past 47 bits, masked back).
s = 12345
for i in range(5):
    s = (s * 1103515245 + 12345) & 0x7FFFFFFF
    print(s, s % 97)
