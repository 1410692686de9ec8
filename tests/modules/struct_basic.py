import struct
print(struct.pack('<I', 1), struct.pack('>H', 258), struct.pack('<bBhHiI', -1, 255, -2, 65535, -3, 4))
print(struct.unpack('<I', b'\x01\x00\x00\x00'), struct.unpack('>h', b'\xff\xfe'))
print(struct.calcsize('<iiH'), struct.calcsize('<q'), struct.pack('<d', 1.5))
print(struct.unpack('<2H', b'\x01\x00\x02\x00'))
