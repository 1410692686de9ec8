# Cached builtins lookups of many globals dicts at once (more than the
# VM watches): a global shadowing a builtin must show in every one of
# them, whichever dict gained it, and dicts that are not globals must
# not disturb the lookups.
code = compile("def f():\n    return len('abc')\n", "<s>", "exec")
envs = []
for i in range(9):
    d = {}
    exec(code, d)
    envs.append(d)
print([d["f"]() for d in envs])
print([d["f"]() for d in envs])
# Shadow in every other dict, oldest first and newest first.
for i in range(0, 9, 2):
    envs[i]["len"] = lambda s, i=i: "shadow %d" % i
print([d["f"]() for d in envs])
for i in range(8, -1, -3):
    envs[i]["len"] = lambda s, i=i: "again %d" % i
print([d["f"]() for d in envs])
for d in envs:
    d.pop("len", None)
print([d["f"]() for d in envs])
# Unrelated dicts gaining keys between calls (including builtin names).
junk = []
for i in range(20):
    junk.append({"len": i, "k%d" % i: i})
    print(envs[i % 9]["f"](), end=" ")
print()
# A dict gaining the key while its function runs in a loop.
d = envs[3]
out = []
for i in range(6):
    if i == 3:
        d["len"] = lambda s: "late"
    out.append(d["f"]())
print(out)
