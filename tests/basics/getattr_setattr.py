class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith('x'):
            return name.upper()
        raise AttributeError(name)
d = Dyn()
print(d.real, d.xyz, getattr(d, 'xa'), hasattr(d, 'nope'))
class Rec:
    def __init__(self):
        object.__setattr__(self, 'log', [])
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value * 2)
r = Rec()
r.a = 1
r.b = 'x'
print(r.a, r.b, r.log)
class Del:
    def __delattr__(self, name):
        print('deleting', name)
dd = Del()
del dd.foo
