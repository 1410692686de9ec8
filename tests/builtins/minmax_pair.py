# min/max of two numbers (a fast path on some builds): ints, floats, mixed,
# equal values of different types (which one is returned), NaN, -0.0,
# bools, big ints and other types, keywords.
nan = float('nan')
pairs = [(1, 2), (2, 1), (-5, 5), (3, 3), (1.5, 2.5), (2.5, 1.5), (1, 1.0), (1.0, 1),
         (0.0, -0.0), (-0.0, 0.0), (2, 1.5), (1.5, 2), (True, 2), (False, True),
         (1, True), (True, 1), (2 ** 70, 1), (1, 2 ** 70), (-1.5, -2), ('a', 'b')]
for a, b in pairs:
    print(repr(a), repr(b), repr(min(a, b)), repr(max(a, b)))
    print(type(min(a, b)).__name__, type(max(a, b)).__name__)
print(min(nan, 1.0), min(1.0, nan), max(nan, 1.0), max(1.0, nan))
print(min(nan, 1), max(2, nan))
print(max(1, 2, key=lambda x: -x), min(1, 2, key=lambda x: -x))
print(max(3, 1, 2), min([4, 2, 8]), max((1.5, 0.5)))
try:
    max(1, 'a')
except TypeError:
    print('TypeError')
try:
    min(None, 1.0)
except TypeError:
    print('TypeError')
