l = [1, 2, 3]
l[0] += 10
l[-1] *= 2
print(l)
d = {'a': 1}
d['a'] -= 5
d.setdefault('b', [])
d['b'] += [1]
print(d)
class O:
    v = 1
o = O()
o.v += 1
print(o.v, O.v)
s = 'ab'
s *= 3
print(s)
t = (1,)
t += (2,)
print(t)
m = [[0] * 2 for _ in range(2)]
m[1][0] += 7
print(m)
