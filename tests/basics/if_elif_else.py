for x in range(-2, 4):
    if x < 0:
        print(x, 'neg')
    elif x == 0:
        print(x, 'zero')
    elif x == 1:
        print(x, 'one')
    else:
        print(x, 'many')
if []:
    print('bad')
elif {}:
    print('bad')
else:
    print('empty containers are false')
if 0 or '' or None:
    print('bad')
print('done')
