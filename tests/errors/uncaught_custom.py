# exit: 1
class MyError(Exception):
    pass
print('custom')
raise MyError('custom', 42)
