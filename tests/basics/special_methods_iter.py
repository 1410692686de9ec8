class Count:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(4)))
print(sum(Count(10)))
a, b, c = Count(3)
print(a, b, c)
class GetItemSeq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(GetItemSeq()))
class Rev:
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        for x in reversed(self.data):
            yield x
print(list(Rev([1, 2, 3])), [x for x in Rev('ab')])
