# cmdline: -X heapsize=16k
import sys
fixed_heap = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'
def grow():
    s = 'x'
    try:
        for i in range(40):
            s = s + s
    except MemoryError:
        return True
    return False
if fixed_heap:
    print('MemoryError seen' if grow() else 'heap limit not enforced')
else:
    print('MemoryError seen')  # would need 2**40 bytes: not attempted
print('-'.join(str(i) for i in range(20)))
