# A write after a read in text 'r+' mode lands where the program read up
# to (MicroPython; CPython's text layer writes after its read-ahead).
import os
N = 'file_seek_rw_tmp.txt'
with open(N, 'w') as f:
    f.write('abcdefgh')
with open(N, 'r+') as f:
    print(f.read(1))
    f.write('X')
    print(f.tell(), f.read(2), f.tell())
    print(f.seek(0, 2), f.write('Z'), f.tell())
with open(N) as f:
    print(f.read())
os.remove(N)
