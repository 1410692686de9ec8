def f(*args, **kwargs):
    print(len(args), args, sorted(kwargs.items()))
f()
f(1, 2)
f(a=1)
f(1, b=2, c=3)
def g(a, b=0, *rest, **opts):
    return a, b, rest, sorted(opts.items())
print(g(1))
print(g(1, 2, 3, 4, k=5))
def passthru(*a, **k):
    return g(*a, **k)
print(passthru(9, k=1))
try:
    g()
except TypeError:
    print('missing a')
try:
    g(1, a=2)
except TypeError:
    print('duplicate a')
try:
    (lambda x: x)(y=1)
except TypeError:
    print('unexpected kw')
