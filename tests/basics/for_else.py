for i in range(3):
    pass
else:
    print('else', i)
for i in []:
    print('bad')
else:
    print('empty else')
for i in range(10):
    if i == 4:
        break
else:
    print('bad')
print('i', i)
def find(lst, x):
    for i, v in enumerate(lst):
        if v == x:
            break
    else:
        return -1
    return i
print(find([5, 6, 7], 7), find([5, 6, 7], 8))
