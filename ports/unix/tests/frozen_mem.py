# Importing a frozen module must not copy its bytecode into the heap.
# argv[1]: the bytecode size of frozentest (all fun_data bytes), argv[2]: a
# directory holding diskcopy.py, the same source on disk (its bytecode IS
# loaded into the heap), for comparison.
import gc
import sys

code_size = int(sys.argv[1])
sys.path.insert(0, sys.argv[2])
gc.collect()
before = gc.mem_alloc()
import frozentest

gc.collect()
frozen_growth = gc.mem_alloc() - before
print("bytecode size:", code_size)
print("heap growth importing frozen module:", frozen_growth)
assert frozentest.__file__.startswith(".frozen/"), frozentest.__file__
assert frozentest.big(3) == 978
gc.collect()
before = gc.mem_alloc()
import diskcopy as disk
gc.collect()
disk_growth = gc.mem_alloc() - before
print("heap growth importing the same module from disk:", disk_growth)
assert disk.big(3) == 978
# What importing makes (module, globals, qstr table, one function object
# per def) is ~1 KiB with 64-bit words; a copy of the bytecode would be
# more than code_size.
assert frozen_growth * 3 < code_size, (frozen_growth, code_size)
assert disk_growth >= code_size, (disk_growth, code_size)
print("OK")
