import os
import os.path
import a.b.c as d
from x import y
from x import y as z, w
from . import m
from .. import n as o
from .p.q import r
from os import *
x = [1, 2, 3]
x[0] = 5
x[1:2] = [7]
x[::2]
x[1:]
x[:2]
x[::]
x[a:b:c]
del x[0], x[1:2]
x.y.z = 3
x.y += 1
x[i] *= 2
x[i:j] += [1]
a = b = c = 0
a, b = b, a
a, b, c = c, b, a
(a, b), c = d
[a, *b, c] = d
*a, b = c
a = {}
a = {1: 'x', 'y': 2}
a = {1, 2, 3}
a = ()
a = (1,)
a = 1,
a = -1
a = +b
a = ~b
a = not b
a = b is None
a = b is not None
a = b in c
a = b not in c
a = b @ c
a @= c
a = b ** c ** d
a = b // c % d / e
a = b << 2 >> 3 | 4 & 5 ^ 6
a = 'x' * 100
a = "a long string constant here"
a = b"bytes"
a = 3.14
a = 1e100
a = 1j
a = 12345678901234567890
a = 0x7fffffff
a = -0x40000000
a = 0x3fffffff
a = 0x40000000
a = ...
a = None
a = True
a = False
print(f"x={x!r:>10} y={y}")
print(a, b, sep='', end='\n')
if (n := len(a)) > 10:
    pass
a = lambda: (yield)
a = [x for x in range(3) if (y := x)]
global q
q = 1
del q
a.b.c.d(1)(2)[3]
a = 1 if b else 2 if c else 3
a = b and c and d
a = b or c or d
a = (b and c) or d
a = not not b
