def g():
    try:
        yield 1
        yield 2
    finally:
        print('finally in generator')
it = g()
print(next(it), next(it))
print(list(it))
def h():
    for i in range(3):
        try:
            yield i
        finally:
            print('leaving', i)
print(list(h()))
def early():
    try:
        yield 1
        return
    finally:
        print('early return cleanup')
print(list(early()))
