# Frozen into the firmware test images only: runs from flash at every boot,
# before the banner. Importing the frozen frozentest must not copy its
# bytecode into the heap.
import gc

gc.collect()
before = gc.mem_alloc()
import frozentest

gc.collect()
print("frozen boot:", frozentest.__file__, frozentest.big(3), gc.mem_alloc() - before)
