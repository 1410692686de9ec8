from .. import mod_a
SUB = 'sub:' + mod_a.A
