# `in` between plain strs (qstrs and heap strs, ASCII and not).
h = "".join(["ca", "f\u00e9 au lait"])
for n in ["a", "", "caf", "\u00e9", "f\u00e9 ", "z", "\u00e9\u00e9", "lait", "laits", h, h + "x"]:
    print(len(n), n in h, n in "caf\u00e9", n not in h)
print("" in "", "a" in "", "+" in "+-*/", "x" in "+-*/")
class S(str):
    def __contains__(self, x):
        return True
print("zz" in S("abc"), S("b") in "abc", S("q") in "abc")
for bad in (1, None, b"a"):
    try:
        print(bad in "abc")
    except TypeError:
        print("TypeError")
