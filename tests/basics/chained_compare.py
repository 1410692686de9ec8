x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 4 > 3 > 2 > 5)
print(1 == 1.0 == True, 'a' < 'b' <= 'b' != 'c')
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5))
print(calls)
print(1 in [1, 2] in [[1, 2]], 3 not in [1] is not None)
a = [1]
b = a
print(a is b is not None, a is not [1])
