g = 0
def outer():
    def inner():
        global g
        g += 1
    for _ in range(3):
        inner()
outer()
print(g)
def setter():
    global a, b
    a, b = 1, 2
setter()
print(a, b)
def reader():
    return [g for _ in range(2)]
print(reader())
