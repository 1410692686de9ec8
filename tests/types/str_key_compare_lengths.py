# Dict keys, qstr lookups and sort keys of strs around the word-compare
# lengths (4, 8, 16, 32 bytes): texts differing in one byte anywhere.
base = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD'
for n in (1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40):
    s = base[:n]
    d = {}
    for i in range(n):
        t = s[:i] + s[i].upper() + s[i + 1:]
        d[t] = i
    d[''.join(list(s))] = -1
    ok = all(d[s[:i] + s[i].upper() + s[i + 1:]] == i for i in range(n))
    print(n, len(d), d[s], ok, s in d, (s + 'x') in d, s[:-1] in d)
w = 'latency'
r = {'latency': 1, 't': 2}
print(r[w], r['lat' + 'ency'], ('late' + 'ncy') in r)
fmt = '%s=%d:' + 'x' * 20
print(fmt % ('k', 1), fmt % ('k', 2))
fmt2 = '%s=%d:' + 'y' * 20
print(fmt2 % ('k', 3))
words = ['bb', 'a', 'ab', 'b', 'a', '', 'z~', 'ba', 'aa', 'abc' * 3, 'abc' * 3 + 'd']
items = [(len(x) % 2, x) for x in words]
print(sorted(items))
print(sorted(items, key=lambda kv: (-kv[0], kv[1])))
same = 'zz' * 3
print(sorted([(1, same), (1, same), (0, same), (1, 'a')]))
print(max([(1, 'b'), (1, 'a\x00'), (1, 'a')]), min([(1, 'b'), (1, 'a\x00'), (1, 'a')]))
