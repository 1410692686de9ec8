# cmdline: -X heapsize=12k
# Long churn of small dicts, sets, kwargs, closures, bound methods and
# instances on a 12 KiB heap: memory stays bounded, results stay right.
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
def kw(**k):
    return k.get('a', 0) + k.get('b', 0) + len(k)
def adder(n):
    def f(x):
        return x + n
    return f
acc = 0
for i in range(4000):
    d = {'a': i, 'b': i + 1, 'c': i + 2}
    d['d'] = d.pop('a')
    s = {i, i + 1, i % 7}
    s.discard(i % 7)
    p = P(i, -i)
    m = p.norm1
    acc += d['d'] + len(s) + kw(a=i, b=2) + adder(i)(1) + m()
    acc %= 1000003
print(acc)
