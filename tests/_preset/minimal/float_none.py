# No floats (the `minimal` preset leaves out cargo feature `float`), as
# official MicroPython built with MICROPY_PY_BUILTINS_FLOAT=0. Run by
# tests/preset_check.py on `minimal` builds (expected output beside). This
# file itself has no float literal: it would not compile.
import sys


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


# Float and imaginary literals, well formed or not: the parser's error.
for src in ["1.5", "1e3", ".5", "1.", "2j", "1_0.5", "1.2.3", "1e", "0.0", "x = [1, 2.5]"]:
    t(lambda: eval(src) if "=" not in src else exec(src))
t(lambda: exec("def f():\n    return 3.25\n"))
# Hex, octal and binary literals stay ints.
print(0x1e3, 0o17, 0b101, 1_000)

# True division is no int operation (not even by zero).
t(lambda: 7 / 2)
t(lambda: 1 / 0)
t(lambda: -8 / 4)
t(lambda: True / 2)
t(lambda: [] / 2)

# Negative powers need floats.
t(lambda: 2 ** -1)
t(lambda: pow(10, -2))
t(lambda: 0 ** -1)
print(2 ** 10, pow(3, 4), (-2) ** 3, 5 ** 0)

# No `float` (or `complex`) name.
t(lambda: float)
t(lambda: float("1.5"))
t(lambda: complex)
print("float" in dir(__import__("builtins")))

# int() of decimal text is the int parser's error.
t(lambda: int("1.5"))
t(lambda: int("1e3"))
print(int("15"), int("-0x1f", 16), int(True))

# Float format codes: unknown for ints (str.format, f-strings)
# or unsupported characters (%-formatting).
for spec in ["{:f}", "{:.2f}", "{:e}", "{:E}", "{:g}", "{:G}", "{:%}", "{:F}", "{:10.3e}"]:
    t(lambda: spec.format(1))
t(lambda: "{:g}".format(True))
t(lambda: f"{3:.1f}")
for spec in ["%f", "%.2f", "%e", "%E", "%g", "%G", "%F", "x=%5.1f"]:
    t(lambda: spec % 1)
print("{:d} {:5} {:x} {:>4}".format(42, 7, 255, True), "%d %5s %x" % (42, "a", 255))

# round() of an int is the int; anything else converts to an int.
print(round(7), round(-3), round(True), round(False))
t(lambda: round("a"))
t(lambda: round(None))

# Int arithmetic is unchanged.
print(abs(-5), divmod(7, 2), divmod(-7, 2), divmod(7, -2), 7 // 2, -7 // 2, -7 % 3, 7 % -3)
t(lambda: divmod(1, 0))
t(lambda: 1 // 0)
print(sum([1, 2, 3]), min(3, 1, 2), max([4, 9, 2]), hash(5), 5 == 5, 1 < 2)
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"))
print(isinstance(1, int), type(7 // 2).__name__, str(10 ** 5))

# A .mpy file with a float constant (float_none_const.mpy beside this
# file, made by official mpy-cross 1.29 from `x = 1.5`; the preset has no
# `open` to write one): its constants are read at import, as official's
# loader does.
name = "float_none_const"
t(lambda: __import__(name))
print(name in sys.modules)
