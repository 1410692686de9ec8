//! Classes: instances, inheritance, super, properties, special methods.
mod common;
use common::{check, check_exp};

#[test]
fn basic_class() {
    check(r#"
class A:
    x = 10
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v + self.x
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    def c(cls):
        return cls.x
a = A(5)
print(a.get(), A.s(3), a.s(4), A.c(), a.c(), A.x, a.v)
a.v = 7
print(a.get())
print(type(a) is A, isinstance(a, A), A.__name__)
"#);
}

#[test]
fn inheritance_and_super() {
    // C3 (CPython's MRO): super() in Mid reaches Other, then Base.
    check_exp(r#"
class Base:
    def __init__(self):
        self.items = ['base']
    def who(self):
        return 'Base'
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.items.append('mid')
    def who(self):
        return 'Mid>' + super().who()
class Other(Base):
    def who(self):
        return 'Other>' + super().who()
class D(Mid, Other):
    def who(self):
        return 'D>' + super().who()
d = D()
print(d.items, d.who())
print(isinstance(d, Base), issubclass(D, Other), issubclass(Other, Mid))
"#, "['base', 'mid'] D>Mid>Other>Base\nTrue True False\n");
}

#[test]
fn properties_and_getattr() {
    check(r#"
class P:
    def __init__(self):
        self._x = 1
    @property
    def x(self):
        return self._x * 10
    @x.setter
    def x(self, v):
        self._x = v
    def __getattr__(self, name):
        return 'missing:' + name
p = P()
print(p.x)
p.x = 5
print(p.x, p.foo)
"#);
}

#[test]
fn special_methods() {
    check(r#"
class V:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __add__(self, o):
        return V(self.a + o.a, self.b + o.b)
    def __sub__(self, o):
        return V(self.a - o.a, self.b - o.b)
    def __mul__(self, k):
        return V(self.a * k, self.b * k)
    def __rmul__(self, k):
        return V(self.a * k, self.b * k)
    def __eq__(self, o):
        return self.a == o.a and self.b == o.b
    def __lt__(self, o):
        return self.a < o.a
    def __neg__(self):
        return V(-self.a, -self.b)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.a, self.b)[i]
    def __setitem__(self, i, v):
        if i == 0: self.a = v
        else: self.b = v
    def __contains__(self, x):
        return x == self.a or x == self.b
    def __call__(self, x):
        return x + self.a
    def __str__(self):
        return 'V(%d, %d)' % (self.a, self.b) if False else 'V'
    def __iter__(self):
        yield self.a
        yield self.b
    def __bool__(self):
        return self.a != 0
    def __hash__(self):
        return self.a
v = V(1, 2); w = V(3, 4)
u = v + w
print(u.a, u.b, (w - v).a, (v * 3).b, (2 * v).a, v == V(1, 2), v != w, v < w, (-v).a)
print(len(v), v[0], v[1], 2 in v, 5 in v, v(10), list(v), bool(v), bool(V(0, 1)))
v[0] = 9
print(v.a, str(v), hash(v))
x = V(1, 1)
x += V(1, 1)
print(x.a)
"#);
}

#[test]
fn class_attrs_and_type() {
    check(r#"
class A:
    pass
class B(A):
    pass
print(B.__bases__[0] is A, type(B()) is B, type(A) is type)
C = type('C', (A,), {'z': 3})
print(C.__name__, C.z, isinstance(C(), A))
o = object()
print(type(o) is object)
class E(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise E('boom', 42)
except Exception as e:
    print(type(e) is E, e.code, e.args[0], isinstance(e, Exception))
class L(list):
    def total(self):
        return sum(self)
l = L([1, 2, 3])
l.append(4)
print(l.total(), len(l), l[0])
"#);
}
