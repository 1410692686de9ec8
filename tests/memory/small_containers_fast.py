# Small tuples, lists and dicts (the allocator's fast paths) made in a
# loop with collections between them: the survivors keep their items, and
# lists and dicts made small still grow.
import gc

keep = []
for i in range(3000):
    if i % 3 == 0:
        t = (i,)
    elif i % 3 == 1:
        t = (i, i + 1)
    else:
        t = (i, i, i, -i, i, i)
    if i % 4 == 0:
        l = []
    elif i % 4 == 1:
        l = [i]
    else:
        l = [i, -i, t, str(i)]
    if i % 5 == 0:
        d = {}
    elif i % 5 == 1:
        d = {"a": i}
    else:
        d = {"a": i, "b": t, "c": l, "d": -i}
    if i % 7 == 0:
        keep.append((t, l, d))
    if i % 11 == 0:
        l.append(i * 2)
        l.extend(range(5))
        d["x%d" % i] = i
        for k in range(6):
            d[k] = k * i
    if i % 400 == 0:
        gc.collect()

gc.collect()
total = 0
for t, l, d in keep:
    total += sum(x for x in t if isinstance(x, int))
    total += len(l) + len(d)
    for v in d.values():
        if isinstance(v, int):
            total += v
print(len(keep), total)
print(keep[3])
print(keep[-1])
print(sorted(len(l) for t, l, d in keep)[-5:])
