l = list(range(10))
print(l[2:8:2], l[::-3], l[-3:], l[:-7], l[8:2:-1], l[100:], l[-100:2])
class G:
    def __getitem__(self, k):
        return k
s = G()[1:8:3]
print(l[s], s.start, s.stop, s.step)
t = tuple(range(6))
print(t[1:4], 'abcdef'[2:], b'abcdef'[:-2])
class C:
    def __getitem__(self, k):
        return k
c = C()
print(c[1:2], c[::3], c[1:2, 3])
