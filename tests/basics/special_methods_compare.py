class N:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, N) and self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
    def __le__(self, o):
        return self.v <= o.v
    def __gt__(self, o):
        return self.v > o.v
    def __ge__(self, o):
        return self.v >= o.v
    def __hash__(self):
        return hash(self.v)
    def __repr__(self):
        return 'N%d' % self.v
a, b = N(1), N(2)
print(a == N(1), a != b, a < b, a <= b, a > b, a >= b)
print(sorted([N(3), N(1), N(2)]))
print(max(N(5), N(9)), min([N(4), N(2)]))
print(len({N(1), N(1), N(2)}))
print(N(1) in [N(0), N(1)])
class NoEq:
    pass
x = NoEq()
print(x == x, x == NoEq(), x != NoEq())
