# readinto on files opened in binary mode, into a bytearray and a
# memoryview slice.
buf = bytearray(8)
with open('data/sample.txt', 'rb') as f:
    n = f.readinto(buf)
    print(n, bytes(buf))
    mv = memoryview(buf)
    n = f.readinto(mv[2:5])
    print(n, bytes(buf))
    total = 0
    while True:
        n = f.readinto(buf)
        if n == 0:
            break
        total += n
    print(total > 0)
