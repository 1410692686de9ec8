# Tuples as set members and dict keys: flat tuples of ints/strs, nested
# tuples, floats and bools mixed in, equality across lengths and types.
s = {(1, 2), (3, 'a'), ('x', 'y'), (1, (2, 3)), (), (True, 1), (1.5, 2)}
print((1, 2) in s, (3, 'a') in s, ('x', 'y') in s, (1, (2, 3)) in s, () in s)
print((1, 1) in s, (2, 1) in s, (1.5, 2) in s, (1, 2.0) in s, (1, 2, 3) in s)
print(hash((1, 2)) == hash((1, 2)), hash((1, 'a')) == hash((1, 'a')), hash(()) == hash(()))
print(hash((1, 2)) == hash((1.0, 2)), hash((True, 2)) == hash((1, 2)))
print((1, 2) == (1, 2), (1, 2) == (1, 3), (1, 2) == (1, 2, 3), ('a',) == ('a',))
print((1,) == (1.0,), (1, 'a') == (1, 'b'), (1, 'a') != (1, 'a'), (1, 2) == [1, 2])
print((1, 2) < (1, 3), (1, 2) <= (1, 2), ('a', 1) > ('a', 0), (1,) < (1, 0))
d = {}
for i in range(20):
    for j in range(-3, 3):
        d[(i, j)] = i * j
        d[('k', i, j)] = (i, j)
print(d[(3, 4 - 5)], len(d), (5, 2) in d, (20, 0) in d, d[('k', 7, -3)])
class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, K) and self.v == o.v
    def __hash__(self):
        return hash(self.v)
print((1, K(2)) == (1, K(2)), (1, K(2)) == (1, K(3)), (1, K(2)) in {(1, K(2))})
