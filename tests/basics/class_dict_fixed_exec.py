# exec with an instance's or a class's __dict__ snapshot as its namespace:
# reads work, every store and delete is refused with TypeError (official
# MicroPython; CPython's __dict__ is the live dict: .exp from official).
class C:
    k = 3
o = C()
o.a = 1
d = o.__dict__
for src in ("del a", "del missing", "a = 5", "b = 6", "global a; del a", "global z; z = 1"):
    try:
        exec(src, d)
        print(src, "ok")
    except Exception as e:
        print(src, type(e).__name__)
print(sorted(d.items()))
print(o.a)
exec("print(a + 1)", d)
cd = C.__dict__
for src in ("del k", "k = 4"):
    try:
        exec(src, cd)
        print(src, "ok")
    except Exception as e:
        print(src, type(e).__name__)
print(C.k)
exec("print(k * 2)", {}, cd)
for src in ("del k", "k = 4", "del nope"):
    try:
        exec(src, {}, cd)
        print(src, "ok")
    except Exception as e:
        print(src, type(e).__name__)
