# Binary ops of a float and a float or small int (either side, plain and
# in-place) against ints, big ints, bools and complex: the dispatch loop's
# float paths and the general path must agree on -0.0, nan, inf and
# ZeroDivisionError.
import math

nan = float("nan")
inf = float("inf")
vals = [0.0, -0.0, 1.5, -2.25, nan, inf, -inf, 1e300, 0, 1, -1, 3, 2**46, -(2**46), True, 10**20]


def show(x):
    if isinstance(x, float):
        return repr(x) + ("-" if math.copysign(1.0, x) < 0 else "+")
    return repr(x)


ops = (
    ("+", lambda a, b: a + b),
    ("-", lambda a, b: a - b),
    ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b),
    ("<", lambda a, b: a < b),
    (">", lambda a, b: a > b),
    ("<=", lambda a, b: a <= b),
    (">=", lambda a, b: a >= b),
    ("==", lambda a, b: a == b),
    ("!=", lambda a, b: a != b),
    ("//", lambda a, b: a // b),
    ("%", lambda a, b: a % b),
)
for a in vals:
    for b in vals:
        for name, f in ops:
            try:
                r = show(f(a, b))
            except Exception as e:
                r = type(e).__name__
            print(show(a), name, show(b), r)
        x = a
        try:
            x += b
            x -= b
            x *= b
            x /= b
            print("inplace", show(x))
        except Exception as e:
            print("inplace", type(e).__name__)
x = nan
print(x == x, x != x, x is x)
