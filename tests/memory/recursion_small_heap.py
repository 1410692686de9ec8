# cmdline: -X heapsize=16k
class R:
    def go(self, n):
        return self.go(n + 1)
try:
    R().go(0)
except (RuntimeError, MemoryError):
    print('caught')
print([i for i in range(5)])
