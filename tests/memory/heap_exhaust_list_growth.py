# cmdline: -X heapsize=16k
# Grow one list until the heap is exhausted (see heap_exhaust_recover.py).
import sys
fixed_heap = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'
l = []
err = False
try:
    for i in range(100000):
        l.append(i)
except MemoryError:
    err = True
n = len(l)
l = None
print('ok' if err or not fixed_heap else 'heap limit not enforced', n > 100)
print([x * x for x in range(10)])
