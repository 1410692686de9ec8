def f(x):
    try:
        if x:
            return 'early'
        print('body')
    finally:
        print('finally', x)
    return 'late'
print(f(0))
print(f(1))
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print('loop', i)
        finally:
            print('fin', i)
    return i
print(g())
try:
    try:
        raise ValueError('v')
    finally:
        print('cleanup')
except ValueError as e:
    print('caught', e)
