class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        if isinstance(o, Num):
            return Num(self.v + o.v)
        if isinstance(o, int):
            return Num(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        return Num(o + self.v + 1000)
    def __repr__(self):
        return 'Num(%d)' % self.v
print(Num(1) + Num(2), Num(1) + 5, 5 + Num(1))
print(sum([Num(1), Num(2)], Num(0)))
try:
    Num(1) + 'x'
except TypeError:
    print('TypeError for str')
