# Zero-filled grouping to every width (the padding zeros are grouped too,
# a separator never starts the text) and `*` widths/precisions of `%`.
for v in [0, 7, -7, 1234, -98765, 2**33 + 1]:
    for w in range(0, 16):
        print(w, ("{:0" + str(w) + ",}").format(v), ("{:0" + str(w) + "_x}").format(v),
              ("{:+0" + str(w) + "_b}").format(v & 255), ("{:0=" + str(w) + ",d}").format(v))
for w in [0, 1, 6]:
    for p in [0, 2, 5]:
        print("[%*.*f] [%-*d] [%.*s] [%*s]" % (w, p, 3.14159, w, 42, p, "abcdef", w, "x"))
print("[%*d]" % (5, 3), "[%.*d]" % (4, 7), "[%0*d]" % (6, -12))
try:
    print("%*d" % (5,))
except TypeError as e:
    print("TypeError")
try:
    print("%.*f" % ("x", 1.0))
except TypeError as e:
    print("TypeError")
