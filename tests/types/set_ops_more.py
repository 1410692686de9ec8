a = set(range(10))
b = set(range(5, 15))
print(len(a | b), len(a & b), sorted(a - b), sorted(b - a), len(a ^ b))
print(a > {1, 2}, a < b, (a & b) <= a, {1} < {1}, {1} <= {1})
c = {x for x in 'mississippi'}
print(sorted(c), len(c))
print(sorted(set([3, 1, 2]) | frozenset([9])), sorted(frozenset('ab') | {'c'}))
s = set()
for i in range(100):
    s.add(i % 7)
print(sorted(s))
