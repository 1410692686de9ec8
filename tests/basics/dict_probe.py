# Dict and set lookups decided without running code (desktop fast paths):
# strs made at run time against interned ones, tuples with str items,
# d[k] updates that reuse the last lookup's place, dict.get.
def rt(s):
    return "".join(list(s))  # a str made at run time


for n in (3, 40):  # a small table and an indexed one
    d = {}
    for i in range(n):
        d["k%d" % i] = i
    d["len"] = -1  # an interned name among run-time strs
    d[("a", 1)] = "a1"
    d[(rt("b"), 2)] = "b2"
    print(n, d[rt("k1")], d.get(rt("k2")), d.get(rt("nope"), "dflt"), d[rt("len")], d.get("len"))
    print(d[(rt("a"), 1)], d.get(("b", 2)), ("b", 2.0) in d, ("b", 3) in d, (1, "a") in d)
    print(rt("k0") in d, "k0" in d, rt("zz") in d, 1 in d, ("a",) in d)
    # Updates of the last key looked up, interleaved with other dicts.
    e = {rt("k1"): 100}
    for k in ("k1", rt("k1"), "k2", "len"):
        d[k] += 1
        e[k] = e.get(k, 0) + 1
        d[k] = d.get(k, 0) + 10
    print(d["k1"], d["k2"], d["len"], sorted(e.items()))
    # A deleted key is not found through a stale place.
    k = rt("k1")
    v = d[k]
    del d[k]
    d[k] = d.get(k, 0) + 5
    print(v, d[k], len(d))

# 1 == 1.0 == True, and str/int/tuple never equal each other.
m = {1: "int", "1": "str", (1,): "tuple"}
print(m.get(True), m.get(1.0), m.get(rt("1")), m.get((True,)), m.get((1.0,)), m.get("01"))
m[True] += "+"
m[1.0] = m.get(1.0) + "f"
print(sorted(m.items(), key=repr))
nan = float("nan")
dn = {nan: 1}
dn[nan] += 1
print(dn[nan], len(dn))

# Keys whose __eq__ runs code are compared in order, each once.
calls = []
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        calls.append(self.v)
        return self.v == (o.v if isinstance(o, K) else o)
dk = {K(1): "k1", "x": "X", 2: "two"}
print(dk.get(1), dk.get(2), dk.get("x"), dk.get(K(2)), sorted(set(calls)))
dk[1] = "one"
dk[K(2)] += "!"
print(sorted(str(v) for v in dk.values()), len(dk))

# Sets with str and tuple members.
s = {rt("ab"), ("x", 1), 3}
s.add("ab")
s.add((rt("x"), 1))
print(len(s), "ab" in s, ("x", 1) in s, ("x", 1.0) in s, 3.0 in s, "3" in s)
# dict.get on a subclass and with bad arguments.
class D(dict):
    pass
dd = D(a=1)
print(dd.get("a"), dd.get("b"), dd.get(rt("a")))
try:
    {1: 2}.get([1])
except TypeError:
    print("TypeError")
