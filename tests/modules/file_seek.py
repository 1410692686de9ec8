# seek() and tell() on files from open(): whence 0/1/2 in text and binary
# mode, after read/readline/write, a write after a read in rb+ mode (at
# the position read up to, not after the read-ahead), seeking past the
# end then writing (zeros fill the gap), append mode, closed files.
import os
N = 'file_seek_tmp.txt'
with open(N, 'w') as f:
    print(f.tell())
    f.write('abcdefgh\nline2\n')
    print(f.tell())
with open(N) as f:
    print(f.read(2), f.tell())
    print(repr(f.readline()), f.tell())
    print(f.seek(0), f.read(3))
    print(f.seek(0, 2), f.tell(), repr(f.read()))
    print(f.seek(4), f.read(1), f.tell())
    print(repr(f.read()), f.tell())
with open(N, 'rb') as f:
    print(f.read(2), f.tell())
    print(f.seek(3, 1), f.read(1), f.tell())
    print(f.seek(-2, 2), f.read())
    print(f.seek(-3, 1), f.read(1))
    print(f.seek(2, 0), f.readline(), f.tell())
    for off, whence in ((-100, 1), (-100, 2), (-1, 0)):
        try:
            f.seek(off, whence)
        except OSError:
            print('OSError')
    print(f.tell(), f.read(3))
    print(f.seek(100), f.read(), f.tell())
with open(N, 'rb+') as f:
    print(f.read(2))
    f.write(b'YZ')
    print(f.tell(), f.read(1), f.tell())
    print(f.seek(20), f.tell())
    print(f.write(b'!'), f.tell())
    print(f.seek(1), f.write(b'Q'), f.read(2))
with open(N, 'rb') as f:
    print(f.read())
    b = bytearray(3)
    print(f.seek(-4, 2), f.readinto(b), b, f.tell())
with open(N, 'a') as f:
    print(f.write('tail'))
    print(f.tell())
with open(N, 'rb') as f:
    print(f.read()[-6:])
    for line in f:
        pass
    print(f.seek(0), f.readlines()[1], f.tell())
f = open(N, 'rb')
f.close()
for op in (lambda: f.seek(0), lambda: f.tell()):
    try:
        op()
    except ValueError:
        print('ValueError')
os.remove(N)
