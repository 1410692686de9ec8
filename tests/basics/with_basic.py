class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, typ, val, tb):
        print('exit', self.name, typ.__name__ if typ else None, val)
        return self.swallow
with CM('a') as x:
    print('body', x)
with CM('b', True):
    raise ValueError('boom')
print('after swallow')
try:
    with CM('c'):
        raise KeyError(5)
except KeyError:
    print('propagated')
def f():
    with CM('d'):
        return 'ret'
print(f())
for i in range(2):
    with CM('e%d' % i):
        if i == 0:
            continue
        break
