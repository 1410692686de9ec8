# exit: 1
def f():
    raise ValueError('uncaught here')
print('before')
f()
print('after')
