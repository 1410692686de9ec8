# exit: 1
print('not run')
def f():
return 1
