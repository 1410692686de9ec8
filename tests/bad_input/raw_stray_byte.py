# exit: 1
print("stray byte below")
x = 1  2
