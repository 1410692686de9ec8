class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, o):
        self.items.append(('+', o))
        return self
    def __isub__(self, o):
        self.items.append(('-', o))
        return self
a = Acc()
ref = a
a += 1
a -= 2
print(a is ref, a.items)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
x = OnlyAdd(1)
y = x
x += 5
print(x.v, y.v, x is y)
