def f():
    pass
print(f())
class E:
    pass
print(type(E()).__name__)
x = ...
print(x, x is Ellipsis)
for i in range(2):
    pass
print(i)
def g():
    ...
print(g())
