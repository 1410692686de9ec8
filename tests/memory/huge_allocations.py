# cmdline: -X heapsize=16k
# Impossible allocations raise MemoryError. CPython might really try to
# allocate 10 GB and 32-bit MicroPython raises OverflowError for sizes past
# its word size, so only 64-bit MicroPython with a fixed heap runs them.
import sys
real = (sys.implementation.name == 'micropython' and sys.maxsize > 2 ** 32
        and sys.platform != 'webassembly')
def attempt(f):
    if not real:
        return 'MemoryError'
    try:
        f()
        return 'allocated?!'
    except MemoryError:
        return 'MemoryError'
print(attempt(lambda: bytearray(10 ** 10)))
print(attempt(lambda: [0] * (10 ** 9)))
print(attempt(lambda: 'ab' * (10 ** 9)))
print(attempt(lambda: bytes(10 ** 8)))
print('still alive', len(bytearray(100)))
