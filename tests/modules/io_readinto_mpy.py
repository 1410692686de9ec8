# StringIO.readinto (MicroPython: StringIO shares BytesIO's stream methods;
# CPython's StringIO has none): reads the UTF-8 bytes; the optional
# length argument (CPython's readinto takes none).
import io

s = io.StringIO('h\u00e9llo')
b = bytearray(4)
print(s.readinto(b), b)
print(s.read())
s = io.BytesIO(b'xyz')
print(s.readinto(b, 2), b, s.tell())
try:
    s.readinto(b'abc')
except TypeError as e:
    print('TypeError', e)
