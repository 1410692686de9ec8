# Class values and property getters read through an instance at one
# instruction (a cached path on some builds): names instances never have,
# then an instance gaining the name, the class value replaced, a property
# replaced by a plain value, subclasses and deleted attributes.
class A:
    k = 1
    @property
    def p(self):
        return 'prop'
class B(A):
    k = 2
def read(o):
    return o.k, o.p
a, b = A(), B()
for i in range(3):
    print(read(a), read(b))
A.k = 10
print(read(a), read(b))
del B.k
print(read(a), read(b))
a.k = 'own'
print(read(a), read(b))
del a.k
print(read(a), read(b))
A.p = 'plain'
print(read(a), read(b))
A.p = property(lambda self: 'prop2')
print(read(a), read(b))
try:
    b.__dict__['p'] = 'shadow?'
except TypeError:
    pass  # (MicroPython: `__dict__` is a read-only snapshot.)
print(read(a), read(b))
class C(A):
    pass
print(read(C()))
