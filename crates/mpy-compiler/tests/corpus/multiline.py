x = foo(1,
        2,
        bar(3,
            4))
y = [
    1,
    a + b,
    c,
]
z = {
    'a': 1,
    'b': f(
        2),
}
if (a and
        b):
    pass
w = (a +
     b -
     c)
s = ("abc"
     "def")
t = obj.method(
    arg1,
    key=val,
)
u = obj \
    .attr \
    .other
v = [i
     for i in range(3)
     if i]
def f(a,
      b=1,
      *c):
    return (a,
            b)
class C(
        Base):
    pass
q = lambda a: (
    a + 1)
r = a[1:
      2]
p = a if b else \
    c
o = not \
    a
n = -(
    1 + a)
m = {1,
     2}
def g():
    return
def h():
    "docstring"
    return 1
class D:
    "class doc"
    x = 1
k = yy[
    0][
    1]
call(a)(
    b)
