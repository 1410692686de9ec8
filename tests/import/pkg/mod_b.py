from . import mod_a
from .mod_a import fa
B = mod_a.A + 'b'
def fb():
    return fa() + 'b'
