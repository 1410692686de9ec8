# cmdline: -X heapsize=24k
class Cell:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt
def build(n):
    head = None
    for i in range(n):
        head = Cell(i, head)
    return head
def total(head):
    s = 0
    while head:
        s += head.v
        head = head.nxt
    return s
out = 0
for r in range(60):
    out += total(build(100))
print(out)
