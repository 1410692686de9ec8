# exit: 1
def a(n):
    if n == 0:
        return {}['missing']
    return a(n - 1)
print('start')
a(3)
