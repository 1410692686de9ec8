it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, 'done'))
it = iter('ab')
print(list(it), list(it))
d = iter({'k': 1})
print(next(d))
class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
c = Counter()
print(c(), c())
e = enumerate(iter(range(3)))
print(iter(e) is e, list(e))
