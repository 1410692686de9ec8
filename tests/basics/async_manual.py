class Aw:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        x = yield ('req', self.v)
        return x * 2
    __iter__ = __await__  # MicroPython awaits via __iter__
async def worker(n):
    total = 0
    for i in range(n):
        total += await Aw(i)
    return total
c = worker(3)
req = c.send(None)
step = 0
try:
    while True:
        print('request', req)
        step += 1
        req = c.send(step)
except StopIteration as e:
    print('result', e.value)
async def plain():
    return 'no awaits'
try:
    plain().send(None)
except StopIteration as e:
    print(e.value)
