# Float ** float/int at special values: zeros of both signs, infinities,
# NaN, negative bases, and the exponents with fast paths (2, 0.5) beside
# -2, 1.7, integral and large ones.

inf = float('inf')
nan = float('nan')
bases = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 1.5, 3.0, 10.0, 1e-300, 1e300, -1e300, inf, -inf, nan]
exps = [2, 2.0, 0.5, -2, -2.0, 1.7, -1.7, 0, 0.0, -0.0, 1, 3, 3.0, -3, 1e10, -1e10, 1e300, inf, -inf, nan]
# Not compared: a negative base whose power overflows or is infinite with a
# non-integral exponent (CPython: inf or OverflowError; MicroPython: a
# complex nan+nanj).
skip = {(-1e300, 1.7), (-inf, 0.5), (-inf, 1.7), (-inf, -1.7)}


def show(a, b, x):
    # Complex results only as "complex" (digits differ between
    # implementations' complex power), floats in full. A finite power too
    # large for a float raises OverflowError on CPython and is +-inf on
    # MicroPython: both print as "overflow".
    if isinstance(x, complex):
        return 'complex'
    if x in (inf, -inf) and a not in (inf, -inf) and b not in (inf, -inf):
        return 'overflow'
    return repr(x)


for a in bases:
    row = []
    for b in exps:
        if (a, b) in skip:
            row.append('-')
            continue
        try:
            row.append(show(a, b, a ** b))
        except ZeroDivisionError:
            row.append('ZeroDivisionError')
        except OverflowError:
            row.append('overflow')
        except ValueError:
            row.append('ValueError')
    print(repr(a), ' '.join(row))

# Signs of zero results.
print(repr((-0.0) ** 2), repr((-0.0) ** 3), repr((-0.0) ** 0.5), repr(0.0 ** 0.5))
print(repr((-inf) ** 2), repr((-inf) ** 3), repr((-inf) ** -3), repr(inf ** -0.5))

# Accuracy: the printed digits of common powers.
for a in (1.1, 2.5, 3.7, 10.0, 0.3, 123.456):
    print(a ** 2, a ** 0.5, a ** 1.7, a ** -2, a ** 0.25, a ** 3.5)
x = 1.0001
t = 0.0
for i in range(200):
    t += x ** 1.7 + x ** 2 + x ** 0.5
    x += 0.01
print(t)

# In-place and int/float mixes take the same paths.
y = 3.0
y **= 2
print(y, 2 ** 0.5, 4 ** 0.5, (-8) ** 2.0, 9.0 ** 0.5)
