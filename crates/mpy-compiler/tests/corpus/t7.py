class A(B, metaclass=M):
    x = 1
    def f(self):
        return super().f(1)
    def g(self):
        return __class__
@dec
class C:
    pass
def outer(a):
    b = 1
    def inner(c):
        nonlocal b
        b = a + c
        return b
    return inner
l = [x*2 for x in y if x]
d = {k: v for k, v in z}
s = {x for x in y for w in x}
g = (x for x in y)
