# exit: 1
print('this line is never run')
x = 'unterminated
