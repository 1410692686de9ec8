ba = bytearray(b'abc')
ba.append(100)
ba.extend(b'ef')
ba[0] = 65
print(ba, len(ba), ba[1], ba[1:3])
ba[1:3] = b'XYZ'
print(ba)
print(bytearray(4), bytearray([1, 2]), bytearray(range(3)))
ba2 = bytearray(b'xyz')
ba2 += b'!'
print(ba2, ba2.decode(), bytes(ba2))
print(ba2 == b'xyz!', b'y' in ba2, ba2.find(b'z'))
print(list(bytearray(b'\x00\xff')))
