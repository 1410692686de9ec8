# cmdline: -X heapsize=64k
# 40,000 cyclic object pairs: only a working cycle collector keeps this
# inside a 64 KiB heap.
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None
total = 0
for i in range(40000):
    a = Node(i)
    b = Node(-i)
    a.other = b
    b.other = a
    total += a.other.v + b.other.v + 1
print(total)
