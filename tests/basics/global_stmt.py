counter = 0
def inc():
    global counter
    counter += 1
for _ in range(5):
    inc()
print(counter)
def make():
    global newvar
    newvar = 'created'
make()
print(newvar)
x = 'global'
def shadow():
    x = 'local'
    return x
print(shadow(), x)
def read():
    return x
print(read())
def unbound():
    try:
        print(y)
    except NameError:
        print('y undefined')
    y = 1
unbound()
