# cmdline: -X heapsize=16k
# Allocate until MemoryError on a 16 KiB heap, drop everything, keep going.
# The wasm oracle's heap grows on demand (no MemoryError there), and CPython
# has no fixed heap either: for them the error is not required.
import sys
fixed_heap = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'
def fill():
    keep = []
    try:
        for i in range(4000):
            keep.append(bytearray(64))
    except MemoryError:
        keep = None
        return True
    return False
got = fill()
print('MemoryError seen' if got or not fixed_heap else 'heap limit not enforced')
total = 0
for i in range(200):
    total += len(bytearray(32)) + len([i] * 4)
print(total)
got = fill()
print('again' if got or not fixed_heap else 'heap limit not enforced')
print(sum(range(1000)))
