# LOAD_GLOBAL / LOAD_NAME remember builtins found past the globals dict:
# every way of shadowing or changing a builtin must show at once.
import builtins


def use_len():
    return len([1, 2, 3])


def use_abs():
    return abs(-4)


def loop(f, n=3):
    return [f() for _ in range(n)]


print(loop(use_len))

# A global of the same name, stored by a plain assignment.
len = lambda x: "global len"
print(loop(use_len))
del len
print(loop(use_len))

# Through globals().
globals()["len"] = lambda x: "globals() len"
print(loop(use_len))
del globals()["len"]
print(loop(use_len))
g = globals()
g.update({"len": lambda x: "update len"})
print(loop(use_len))
g.pop("len")
print(loop(use_len))
g.setdefault("len", lambda x: "setdefault len")
print(loop(use_len))
g.pop("len")
print(loop(use_len))

# Through the builtins module.
print(loop(use_abs))
old_abs = builtins.abs
builtins.abs = lambda x: "builtins abs"
print(loop(use_abs))
builtins.abs = lambda x: "builtins abs 2"
print(loop(use_abs))
builtins.abs = old_abs
print(loop(use_abs))
builtins.my_builtin = 5


def use_mine():
    return my_builtin


print(loop(use_mine))
builtins.my_builtin = 6
print(loop(use_mine))
del builtins.my_builtin
try:
    use_mine()
except NameError:
    print("NameError")

# Through a module attribute store (the module's globals are this file's
# when imported; here: a module object's own globals).
import sys

mod = sys.modules[__name__]
mod.len = lambda x: "module attr len"
print(loop(use_len))
del mod.len
print(loop(use_len))

# exec with custom globals dicts, reusing one code object.
code = compile("r = [len('ab') for _ in range(3)]", "<s>", "exec")
d1 = {}
exec(code, d1)
print(d1["r"])
d2 = {"len": lambda x: "d2 len"}
exec(code, d2)
print(d2["r"])
exec(code, d1)
print(d1["r"])
d1["len"] = lambda x: "d1 len"
exec(code, d1)
print(d1["r"])
d1.clear()
exec(code, d1)
print(d1["r"])

# LOAD_NAME at module level in a loop.
out = []
for i in range(4):
    out.append(len("xy"))
    if i == 1:
        len = lambda x: "name len"
print(out)
del len


# A function whose globals gain the name while it runs.
def grow():
    r = []
    for i in range(4):
        r.append(len("abc"))
        if i == 1:
            globals()["len"] = lambda x: "grown len"
    del globals()["len"]
    return r


print(grow())
print(loop(use_len))
