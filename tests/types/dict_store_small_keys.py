# Stores into small dicts with int and str keys: identical keys replace,
# equal keys of other kinds (bool, float, heap str) find the same entry.

d = {'t': 1, 'svc': 'a', 'lvl': 'b', 'latency': 4}
print(sorted(d.items()))
d['t'] = 5
d['svc'] = 'z'
d[1] = 'one'
print(sorted(d.items(), key=str))
d[True] = 'true'
d[1.0] = 'float'
print(len(d), d[1])
k = ''.join(['l', 'v', 'l'])
d[k] = 'heap'
print(len(d), d['lvl'])
e = {k: 1}
e['lvl'] = 2
print(e)
e = {1.0: 'f'}
e[1] = 'i'
print(e)
e = {True: 'b'}
e[1] = 'i'
print(e)
e = {}
for i in range(12):
    e[i] = i * i
    e['k%d' % i] = i
e[3] = 'x'
e['k3'] = 'y'
print(len(e), e[3], e['k3'], e[11])
for j in range(20):
    r = {'a': j, 'b': j + 1, j: 'n'}
    r['a'] = r['b']
print(r)
print({'x': 1, 'x': 2, 7: 'a', 7: 'b'})
