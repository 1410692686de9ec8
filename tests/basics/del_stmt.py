x = 1
del x
try:
    x
except NameError:
    print('x gone')
l = list(range(10))
del l[0]
del l[-1]
del l[2:4]
print(l)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(sorted(d.items()))
class A:
    pass
a = A()
a.y = 5
del a.y
print(hasattr(a, 'y'))
a, b = 1, 2
del a, b
print('a' in globals(), 'b' in globals())
def f():
    z = 3
    del z
    try:
        return z
    except NameError:
        return 'local deleted'
print(f())
