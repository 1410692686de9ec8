import pkg.mod_a as ma
print(ma.A, ma.__name__)
from pkg import mod_b as mb, mod_a as ma2
print(mb.B, ma2 is ma)
import _helper as a, _starmod as b
print(a.HELLO, b.PUBLIC)
