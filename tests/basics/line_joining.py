total = 1 + \
    2 + \
    3
print(total)
lst = [1,
       2,
       3]
print(lst)
d = {'a': 1,
     'b': 2}
print(sorted(d))
def f(a,
      b):
    return (a
            + b)
print(f(1,
        2))
if (total > 5 and
        total < 10):
    print('in range')
s = ('abc'
     'def')
print(s)
x = 1; y = 2; print(x + y)
