# bytes/bytearray from iterables of ints (one body on every path).
print(bytes([1, 2, 255]), bytearray([0, 65]), bytes(range(5)), bytearray(x for x in b"hi"), bytes((66,)), bytes([]), bytearray([]))
for bad in ([256], [-1], ["a"], [1.5]):
    try:
        bytes(bad)
    except (ValueError, TypeError) as e:
        print("bytes", type(e).__name__)
for bad in (["a"], [1.5]):
    try:
        bytearray(bad)
    except (ValueError, TypeError) as e:
        print("bytearray", type(e).__name__)
ba = bytearray(b"ab")
ba.extend([67, 68])
ba.extend(range(3))
print(ba, len(ba))
