print(bytes([0, 127, 128, 255]), bytes(b'ab'), bytes('é', 'utf-8'), bytes(range(65, 70)))
print(bytearray('xyz', 'utf-8'), bytearray(b'q'), bytes(bytearray(b'conv')))
print(b''.join([b'a', bytearray(b'b'), b'c']), b'ab'[0], b'ab'[-1], b'ab'[:1])
print(list(b'\x00\x10\x20'), tuple(bytearray(b'\x01\x02')))
try:
    bytes([256])
except ValueError:
    print('byte out of range')
