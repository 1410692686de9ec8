# cmdline: -X heapsize=16k
# 400 rounds of building and dropping a 60-cell linked list of 2-attribute
# instances on a 16 KiB heap. After a collection the heap must be back to
# its starting use every round: garbage is never kept alive (e.g. by a
# native-stack word that merely looks like an object handle). CPython and
# the wasm build (whose heap grows on demand) only check the results.
import gc
import sys
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
def one_round(n):
    return total(build(n))
measure = hasattr(gc, 'mem_alloc') and sys.platform != 'webassembly'
gc.collect()
base = gc.mem_alloc() if measure else 0
worst = 0
out = 0
for r in range(400):
    out += one_round(60)
    if measure:
        gc.collect()
        worst = max(worst, gc.mem_alloc() - base)
print(out)
# One stray 60-cell list would be several KiB; allow a few small objects.
print(worst < 1024)
