# Int formatting (str.format, %, format()) of small and big ints: the
# boards format every int through one digit path.
b = 2**100 + 12345
for v in [b, -b, 3**80]:
    print("{:x} {:X} {:o} {:b} {:,} {:_x} {:+d} {:>60} {:#x} {:040,}".format(v, v, v, v, v, v, v, v, v, v))
    print("%d %x %X %o %#x %50d %-50d| %.60d" % (v, v, v, v, v, v, v, v))
print(f"{-10**30:,}", "%s %r" % (b, -b), str(1 - 2**64))
for v in [0, 1, -1, 7, -255, 2**31 - 1, -2**31, 2**40 + 3]:
    print("{:x}|{:X}|{:o}|{:b}|{:,}|{:_b}|{:+d}|{:>8}|{:#x}|{:08,}|{:c}".format(v, v, v, v, v, v, v, v, v, v, 65))
    print("%d|%x|%X|%o|%#x|%5d|%-5d|%.3d|%+d|% d|%05d|%i|%u" % (v, v, v, v, v, v, v, v, v, v, v, v, v))
print("{:x} {:b} {:d}".format(255, -3, True), "%d" % 3.9, "%x" % True)
