s = {1, 2, 3}
s.add(4)
s.add(2)
print(sorted(s), len(s), 3 in s, 9 in s)
s.discard(9)
s.remove(1)
print(sorted(s))
try:
    s.remove(100)
except KeyError:
    print('remove KeyError')
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset({1, 2, 3, 4, 5}), a.issuperset({2}), a.isdisjoint({9}))
print(set(), set('aab') == {'a', 'b'}, len(set(range(100))))
p = s.pop()
print(p in (2, 3, 4), len(s))
c = a.copy()
c.clear()
print(c, len(a))
print({1}, {'x'}, sorted({x % 3 for x in range(10)}))
