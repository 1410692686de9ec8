class Seq:
    def __init__(self):
        self.d = {}
    def __len__(self):
        return len(self.d)
    def __getitem__(self, k):
        if isinstance(k, slice):
            return ('slice', k.start, k.stop, k.step)
        return self.d[k]
    def __setitem__(self, k, v):
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
    def __iter__(self):
        return iter(sorted(self.d))
s = Seq()
s['a'] = 1
s['b'] = 2
print(len(s), s['a'], 'b' in s, 'z' in s, list(s))
del s['a']
print(len(s), list(s))
print(s[1:5], s[::2])
try:
    s['zz']
except KeyError:
    print('KeyError')
print(bool(Seq()), bool(s))
