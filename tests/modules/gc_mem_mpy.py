# MicroPython-specific: gc.mem_free/mem_alloc exist and move as expected.
import gc
gc.collect()
a0 = gc.mem_alloc()
f0 = gc.mem_free()
print(a0 > 0, f0 > 0)
big = bytearray(20000)
a1 = gc.mem_alloc()
print(a1 - a0 >= 20000)
big = None
gc.collect()
print(gc.mem_alloc() + gc.mem_free() >= a1)
