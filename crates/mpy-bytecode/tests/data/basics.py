def f(a):
    return a+1
print(f(2))
x = [1, 2, 3]
y = {'a': 1, 'b': 2}
z = {1, 2, 3}
t = (1, 2, 'three', b'four', None, True, False, ...)
s = x[1:2]
del x[0]
x.append(-100)
print(x, y, z, t, s, not x, x is not None, 1 not in x)
