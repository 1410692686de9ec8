ba = bytearray(b'abcdef')
m = memoryview(ba)
print(len(m), m[0], bytes(m[1:3]))
m[0] = 65
print(ba)
m2 = m[2:5]
m2[0] = 67
print(ba, bytes(m2), len(m2))
print(bytes(memoryview(b'xyz')[::1]) if False else bytes(memoryview(b'xyz')))
try:
    memoryview(b'ro')[0] = 1
except TypeError:
    print('readonly')
