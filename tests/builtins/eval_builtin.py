print(eval('1 + 2'), eval('[x * 2 for x in range(3)]'), eval('"s" * 3'))
x = 10
print(eval('x + 1'))
print(eval('y * 2', {'y': 21}))
print(eval('a + b', {'a': 1}, {'b': 2}))
print(eval('len(z)', {'z': 'abc'}))
try:
    eval('1 +')
except SyntaxError:
    print('SyntaxError')
try:
    eval('undefined_name')
except NameError:
    print('NameError')
print(eval('7 '))
