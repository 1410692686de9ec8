# readline(n) on files stops after n characters (bytes in binary mode),
# or at the end of the line, whichever comes first; n < 0 reads the line.
import os
N = 'file_readline_n_tmp.txt'
with open(N, 'w') as f:
    f.write('first line\nsecond line\nthird line\n')
for mode in ('r', 'rb'):
    with open(N, mode) as f:
        print(repr(f.readline(3)))
        print(repr(f.readline(1000)))
        print(repr(f.readline(-1)))
        print(repr(f.readline(0)))
        print(repr(f.readline()))
        print(f.readlines(), repr(f.readline(5)))
os.remove(N)
