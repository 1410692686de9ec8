# MicroPython-specific: a hash is final after digest().
import hashlib
h = hashlib.sha256(b'abc')
d = h.digest()
for f in (lambda: h.update(b'x'), h.digest):
    try:
        f()
    except ValueError as e:
        print('ValueError', e)
print(type(h).__name__)
