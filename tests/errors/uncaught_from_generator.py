# exit: 1
def gen():
    yield 1
    raise IndexError('gen failed')
for v in gen():
    print(v)
