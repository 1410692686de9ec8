x = 'global'
class C:
    x = 'class'
    y = x + '!'
    def m(self):
        return x
print(C.y, C().m())
class D:
    vals = [1, 2]
    total = sum(vals)
    names = {}
    for n in ('a', 'b'):
        names[n] = n * 2
print(D.total, D.names, D.n)
