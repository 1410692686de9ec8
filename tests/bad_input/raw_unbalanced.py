# exit: 1
print('not run either')
x = [1, 2, (3, 4]
