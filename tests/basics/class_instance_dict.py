class A:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
a = A()
print(sorted(a.__dict__.items()))
a.c = 3
print(a.c, a.__dict__['c'])
print(sorted(k for k in a.__dict__))
print(A.__name__, type(a).__name__)
