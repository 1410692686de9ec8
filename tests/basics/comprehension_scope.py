def f():
    n = 3
    return [i * n for i in range(n)]
print(f())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
def g():
    fs = [lambda: i for i in range(3)]
    return [h() for h in fs]
print(g())
def h(xs):
    return {k: [v for v in xs if v % k == 0] for k in (2, 3)}
print(sorted(h(range(10)).items()))
i = 100
l = [i for i in range(3)]
print(i)
