from pkg import mod_a
from pkg.mod_b import fb, B
print(mod_a.A, fb(), B)
from pkg import mod_b
print(mod_b.mod_a is mod_a)
