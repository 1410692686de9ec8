# BytesIO.readinto: counts, limits, memoryview targets, end of stream, errors.
import io

s = io.BytesIO(b'hello world')
b = bytearray(4)
print(s.readinto(b), b, s.tell())
m = memoryview(b)
print(s.readinto(m[1:3]), b, s.tell())
print(s.readinto(bytearray(10)), s.tell())
print(s.readinto(bytearray(10)), s.readinto(bytearray(0)))
s.seek(3)
big = bytearray(300)
print(s.readinto(big), bytes(big[:8]))
s = io.BytesIO(bytes(range(256)) * 2)
big = bytearray(600)
print(s.readinto(big), big[:512] == bytes(range(256)) * 2, s.tell())
try:
    s.readinto(b'abc')
except TypeError:
    print('TypeError')
s.close()
try:
    s.readinto(b)
except ValueError:
    print('ValueError')
