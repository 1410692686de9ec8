# MicroPython-specific: os.ilistdir yields (name, type, inode[, size]).
import os
entries = sorted(os.ilistdir('data'))
for e in entries:
    print(e[0], hex(e[1]), len(e) >= 3)
print(sorted(e[0] for e in os.ilistdir()) == sorted(os.listdir()))
print([e[1] for e in os.ilistdir('.') if e[0] == 'data'])
