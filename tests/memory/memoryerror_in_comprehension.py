# cmdline: -X heapsize=16k
import sys
fixed_heap = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'
err = False
try:
    big = [bytearray(100) for i in range(2000)]
except MemoryError:
    err = True
big = None
print('ok' if err or not fixed_heap else 'heap limit not enforced')
print({i: i * 2 for i in range(5)}[4])
