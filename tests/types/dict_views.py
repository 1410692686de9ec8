d = {'a': 1, 'b': 2, 'c': 3}
ks = d.keys()
vs = d.values()
its = d.items()
print(len(ks), len(vs), len(its), 'a' in ks, ('a', 1) in its if False else True)
d['d'] = 4
print(len(ks), sorted(ks), sorted(vs), sorted(its))
print(sorted(k for k in d), sum(d.values()))
for k, v in sorted(d.items()):
    print(k, v, end=' ')
print()
print(list(ks) == list(d), [d[k] for k in ks] == list(vs))
