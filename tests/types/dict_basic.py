d = {'a': 1}
d['b'] = 2
d['c'] = 3
print(len(d), d['a'], d.get('z'), d.get('z', 0), 'a' in d, 'z' not in d)
print(sorted(d), sorted(d.keys()), sorted(d.values()), sorted(d.items()))
print(d.pop('b'), d.pop('zz', 'dflt'), sorted(d.items()))
print(d.setdefault('a', 100), d.setdefault('n', 5), sorted(d.items()))
d.update({'x': 1}, y=2)
d.update([('w', 0)])
print(sorted(d.items()))
k, v = d.popitem()
print(k in 'acnxyw', len(d))
e = d.copy()
e.clear()
print(e, len(d))
print(dict(a=1) == {'a': 1}, dict([(1, 2)]), dict(zip('ab', [1, 2])) == {'a': 1, 'b': 2})
print(dict.fromkeys(['q'], 0), {1: 'one'}, {})
