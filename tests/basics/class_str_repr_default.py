class P:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return 'P(%d)' % self.n
print([P(1), P(2)], (P(3),), {'k': P(4)})
print(str(P(5)), '%s' % P(6), '{}'.format(P(7)), f'{P(8)!r}')
class Sub(P):
    def __str__(self):
        return 'sub%d' % self.n
s = Sub(9)
print(s, repr(s), [s])
