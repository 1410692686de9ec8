# C.__name__ and type(x) through the desktop caches: one site seeing
# several classes, a class made after the cache filled (possibly where a
# freed one was), super() errors. (Assigning `C.__name__` is left out:
# CPython renames the class, official MicroPython keeps answering the
# class's own name.)
class A:
    pass
class B(A):
    pass
def name(c):
    return c.__name__
for i in range(3):
    print(name(A), name(B), name(type(A())), type(B()).__name__)
# Many short-lived classes read at one site.
for i in range(20):
    class T:
        pass
    class U(T):
        pass
    print(name(T), name(U), end=' ')
print()
# A class made by type() with three arguments.
V = type('V', (A,), {})
print(name(V), type(V()) is V, V.__name__)
# type(x) of various objects, and type() errors.
for x in (1, 'a', None, [1], (), A, B(), 1.5, type):
    print(type(x) is x.__class__, end=' ')
print()
try:
    type()
except TypeError:
    print('TypeError')
try:
    type(1, 2)
except TypeError:
    print('TypeError')
# super() failing in the loop's own arm.
class S(A):
    def m(self):
        return super().missing()
    def k(self):
        return super().__class__
try:
    S().m()
except AttributeError as e:
    print('AttributeError')
print(S().k() is super)
