# Ints without the `bigint` feature (official's MICROPY_LONGINT_IMPL_NONE):
# small ints only; a result outside their range raises OverflowError.
# (`minimal` has no floats either: tests/_preset/minimal/float_none.py.)
# Run by tests/preset_check.py on `minimal` builds (expected output beside).
import sys


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


m = sys.maxsize
print(m > 2**29, type(m))
print(-m - 1 < 0)
n = -m - 1
t(lambda: m + 1)
t(lambda: n - 1)
t(lambda: m * 2)
t(lambda: -n)
t(lambda: abs(n))
t(lambda: 1 << 64)
t(lambda: 3 << 1000)
t(lambda: 0 << 1000)
t(lambda: 2**64)
t(lambda: 7**100)
t(lambda: 2**-1)
t(lambda: n // -1)
t(lambda: m * m)
t(lambda: int("123456789012345678901234567890"))
t(lambda: int("-0x" + "f" * 40, 16))
t(lambda: int(" 42 "))
t(lambda: eval("123456789012345678901234567890"))
t(lambda: int.from_bytes(b"\x01" * 9, "big"))
t(lambda: int.from_bytes(b"\x01\x02", "little"))
t(lambda: (255).to_bytes(1, "big"))
t(lambda: (256).to_bytes(1, "big"))
t(lambda: (-1).to_bytes(2, "little"))
t(lambda: (-129).to_bytes(1, "little"))
t(lambda: hex(m) == "0x" + "%x" % m)
t(lambda: "{:b}".format(-5))
t(lambda: round(12345, -2))
t(lambda: round(-250, -2))
t(lambda: round(n, -30))
t(lambda: pow(3, 100, 7))
