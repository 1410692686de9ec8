def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
g = echo()
print(g.send(None))
print(g.send('a'))
print(g.send('b'))
try:
    g.send(None)
except StopIteration as e:
    print('returned', e.value)
def acc():
    total = 0
    while True:
        total += yield total
a = acc()
next(a)
for v in (5, 10, 20):
    print(a.send(v))
g2 = echo()
try:
    g2.send(1)
except TypeError:
    print('TypeError on non-None first send')
