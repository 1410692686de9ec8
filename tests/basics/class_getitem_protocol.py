class Squares:
    def __getitem__(self, i):
        if i < 0 or i > 5:
            raise IndexError(i)
        return i * i
s = Squares()
print(s[3], list(s), 16 in s, 17 in s)
for v in s:
    if v > 4:
        break
print(v)
class Grid:
    def __init__(self):
        self.d = {}
    def __setitem__(self, key, val):
        self.d[key] = val
    def __getitem__(self, key):
        return self.d.get(key, 0)
g = Grid()
g[1, 2] = 'x'
print(g[1, 2], g[(1, 2)], g[0, 0])
