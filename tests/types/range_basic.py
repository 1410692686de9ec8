print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(1, 20, 3)
print(len(r), r[0], r[-1], r[2], 7 in r, 8 in r)
print(list(r[1:4]), list(r[::-1]), list(r[::2]))
print(len(range(0, 100, 7)), len(range(10, 0)))
print(sum(range(1000)), list(range(-5, 5, 4)))
print(r.start, r.stop, r.step)
try:
    range(1, 2, 0)
except ValueError:
    print('zero step')
print(repr(range(3)), repr(range(1, 5, 2)))
