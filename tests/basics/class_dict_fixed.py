# `o.__dict__` and `C.__dict__` are read-only snapshots. The .exp follows
# official MicroPython (CPython differs: an instance's __dict__ writes
# through, a class's is a mappingproxy): every mutation raises a bare
# TypeError, later attribute changes are not seen, and copies are plain
# dicts.
class C:
    x = 1

    def f(self):
        pass


def t(name, f):
    try:
        r = f()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__, e.args)


o = C()
o.a = 1
d = o.__dict__
print(type(d) is dict, isinstance(d, dict), type(d), d.__class__)
print(d, len(d), "a" in d, "b" in d, d["a"], list(d), d.get("a"), d.get("z", 9))
o.b = 5
o.a = 7
print(d, len(d), o.__dict__ is d, sorted(o.__dict__.items()))


def setitem(k):
    d[k] = 2


def delitem(k):
    del d[k]


def ior():
    e = d
    e |= {"z": 1}


t("set new", lambda: setitem("b"))
t("set old", lambda: setitem("a"))
t("del old", lambda: delitem("a"))
t("del missing", lambda: delitem("zz"))
t("clear", lambda: d.clear())
t("pop", lambda: d.pop("a"))
t("pop missing", lambda: d.pop("zz"))
t("pop default", lambda: d.pop("zz", 3))
t("popitem", lambda: d.popitem())
t("update", lambda: d.update({"q": 1}))
t("update none", lambda: d.update())
t("update kw", lambda: d.update(q=1))
t("setdefault old", lambda: d.setdefault("a", 3))
t("setdefault new", lambda: d.setdefault("n", 3))
t("__setitem__", lambda: d.__setitem__("k", 1))
t("__delitem__", lambda: d.__delitem__("a"))
t("dict.__setitem__", lambda: dict.__setitem__(d, "k", 1))
t("dict.update", lambda: dict.update(d, {"k": 1}))
t("|=", ior)
t("|", lambda: d | {"z": 1})
print(d)

# Reads and copies.
c = d.copy()
c["z"] = 9
del c["a"]
print(c, type(c))
m = dict(d)
m["y"] = 1
print(sorted(m.items()), d == {"a": 1}, {"a": 1} == d, d != {"a": 2})
print(sorted(d.items()), list(d.keys()), list(d.values()), [k for k in d])
print("%(a)s!" % d, dict(d, b=2) == {"a": 1, "b": 2})
x = {}
x.update(d)
print(x, set(d), d.fromkeys("ab") == {"a": None, "b": None})


def kw(**k):
    return k


print(kw(**d))
t("hash", lambda: hash(d))

# An empty instance's snapshot, and a class's.
e = C().__dict__
print(e, len(e), bool(e))
t("empty set", lambda: e.__setitem__("x", 1))
cd = C.__dict__
print(type(cd) is dict, "x" in cd, "f" in cd, cd["x"])
t("class set", lambda: cd.__setitem__("y", 3))
t("class pop", lambda: cd.pop("x"))
C.y = 2
print("y" in cd, "y" in C.__dict__)

# A snapshot as exec's namespace: reads work, stores raise.
t("exec read", lambda: exec("print(a)", d))
t("eval", lambda: eval("a + 1", d))
t("exec store", lambda: exec("a = 2", d))
t("exec store new", lambda: exec("q = 2", {}, d))
print(d)
