assert True
assert 1 == 1, 'never'
try:
    assert False
except AssertionError as e:
    print('assert no msg', e.args)
try:
    assert 1 > 2, 'custom %d' % 5
except AssertionError as e:
    print('assert msg', e)
def f(x):
    assert x > 0, x
    return x
print(f(3))
try:
    f(-1)
except AssertionError as e:
    print(e.args)
