# readline(n) on files stops after n characters (bytes in binary mode),
# or at the end of the line, whichever comes first; n < 0 reads the line.
for mode in ('r', 'rb'):
    with open('data/sample.txt', mode) as f:
        print(repr(f.readline(3)))
        print(repr(f.readline(1000)))
        print(repr(f.readline(-1)))
        print(repr(f.readline(0)))
        print(repr(f.readline()))
        rest = f.readlines()
        print(len(rest) >= 0, repr(f.readline(5)))
