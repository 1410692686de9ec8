# Multiple inheritance mixing built-in bases (Exception, list, dict) with
# user mixins.
class Mixin:
    def describe(self):
        return 'mixin:' + type(self).__name__
    def size(self):
        return -1

class Err(Exception, Mixin):
    pass
try:
    raise Err('boom')
except Exception as e:
    print(type(e).__name__, e.args, e.describe())
print(isinstance(Err(), Mixin), isinstance(Err(), Exception), issubclass(Err, BaseException))

class Err2(Mixin, Exception):
    def __init__(self, code):
        super().__init__('code', code)
        self.code = code
try:
    raise Err2(7)
except Err2 as e:
    print(e.args, e.code, e.describe())

class MyList(list, Mixin):
    def size(self):
        return len(self)
l = MyList([1, 2, 3])
l.append(4)
print(l, l.size(), l.describe(), isinstance(l, list), isinstance(l, Mixin))

class Counted(Mixin):
    def size(self):
        return 100 + super().size()
class MyDict(Counted, dict):
    pass
d = MyDict()
d['a'] = 1
print(d['a'], len(d), d.size(), d.describe(), isinstance(d, dict), isinstance(d, Counted))

class Base:
    def hello(self):
        return 'Base.hello'
class L1(list, Base):
    pass
class L2(L1):
    def hello(self):
        return 'L2+' + super().hello()
x = L2((5, 6))
print(x, x.hello(), sum(x))
