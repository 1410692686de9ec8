def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
def f1():
    try:
        raise ValueError('original')
    finally:
        raise TypeError('replacement')
show(f1)
def f2():
    try:
        return 'value'
    finally:
        pass
print(f2())
def f3():
    try:
        raise ValueError('x')
    except ValueError:
        raise
    finally:
        print('f3 finally')
show(f3)
