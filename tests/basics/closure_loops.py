fs = []
for i in range(3):
    def f(i=i):
        return i
    fs.append(f)
print([f() for f in fs])
gs = []
for i in range(3):
    gs.append(lambda: i)
print([g() for g in gs])
def make():
    out = []
    for j in range(3):
        def cap(j=j):
            return j * 10
        out.append(cap)
    return out
print([c() for c in make()])
def shared():
    fns = []
    x = 0
    for _ in range(3):
        x += 1
        fns.append(lambda: x)
    return [f() for f in fns]
print(shared())
