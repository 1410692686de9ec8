d = {'a': 1}
try:
    d['b']
except KeyError as e:
    print('KeyError', e.args)
try:
    d.pop('zz')
except KeyError:
    print('pop KeyError')
try:
    {}.popitem()
except KeyError:
    print('popitem empty')
print(d == {'a': 1}, d != {'a': 2}, {1: 2, 3: 4} == {3: 4, 1: 2})
