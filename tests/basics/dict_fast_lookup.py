# `in`, d[k] and d[k] = v on exact dicts and sets take table lookups
# without hashing small tables: every equality rule must still hold.
d = {1: "one", "a": "A", (1, 2): "t12", (3, "x"): "t3x"}
print(1 in d, True in d, 1.0 in d, 2 in d, "a" in d, "b" in d)
print(d[1], d[True], d[1.0], d["a"], d[(1, 2)], d[(3, "x")])
s = "".join(["a"])  # a str made at run time
print(s in d, d[s])
t = tuple([1, 2])
print(t in d, d[t], (1, 2.0) in d, d[(1, 2.0)], (1, 3) in d, (1,) in d, () in d)
print((1, [2]) in {} if False else "skip")
for bad in ([1], {}, (1, [2])):
    try:
        print(bad in d)
    except TypeError as e:
        print("TypeError")
    try:
        d[bad] = 1
    except TypeError:
        print("TypeError store")
try:
    d[(9, 9)]
except KeyError as e:
    print("KeyError", e)
d[True] = "true"
d[(1, 2)] = "T12"
d[(1, 2.0)] = "T12f"
print(sorted(d.items(), key=repr))
# Keys whose equality runs Python code.
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return self.v == (o.v if isinstance(o, K) else o)
e = {K(5): "k5", 7: "seven"}
print(5 in e, 7 in e, 8 in e)
print(e[5])
st = {(1, 2), (3, 4), 5, "x"}
print((1, 2) in st, (3, 4) in st, (4, 3) in st, 5 in st, 5.0 in st, "x" in st, "y" in st)
fs = frozenset([(1, 2), 3])
print((1, 2) in fs, 3 in fs, 4 in fs)
# Subclasses keep their own behaviour.
class D(dict):
    pass
dd = D(a=1)
dd["b"] = 2
print(dd["a"], dd["b"], "zz" in dd, "b" in dd)
class G(dict):
    def __getitem__(self, k):
        return "get %r" % (k,)
    def __contains__(self, k):
        return k == "magic"
g = G(a=1)
print(g["a"], "magic" in g, "a" in g)
class S(set):
    def __contains__(self, k):
        return True
print(42 in S())
# Bigger (indexed) tables.
big = {(i, i + 1): i for i in range(40)}
print((3, 4) in big, (4, 3) in big, big[(10, 11)], big.get((39, 40)))
big[(10, 11)] = "x"
print(big[tuple([10, 11])], len(big))
