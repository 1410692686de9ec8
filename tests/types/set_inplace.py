a = {1, 2, 3}
a |= {4}
a &= {1, 2, 4, 5}
a -= {1}
a ^= {2, 9}
print(sorted(a))
a.update([10, 11], (12,))
print(sorted(a))
a.intersection_update({4, 10, 99})
print(sorted(a))
a.difference_update({4})
print(sorted(a))
a.symmetric_difference_update({10, 20})
print(sorted(a))
print(set([1, 2]) == frozenset([1, 2]))
