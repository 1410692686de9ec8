x = (1, 2, 3)
y = ((1,2),3)
z = (1, 'a', None, True, 1.5, b'x', 10000000000000, ...)
w = (1, a)
v = ()
def f(a, b=1, *c, d, e=2, **g):
    return a, b, c, d, e, g
def h(q=(1,2)): pass
u = 1.0 ; t = 1 ; s = 1.0; r = -0.0; p = 0.0
"a docstring"
1
k = 2**40
k = 2**30
k = -2**30
k = 1 << 62
k = 'abcdefghijklmnop'
k = 'abcdefghij'
k = 'abcdefghijk'
k = 'NotImplementedError'
k = 'verylongidentifiername'
verylongidentifiername = 1
k = 'verylongidentifiername'
