s = 'aé€'
b = s.encode()
print(b, len(b), b.decode() == s)
print(str(b'abc', 'utf-8'), bytes('xyz', 'utf-8'))
print('abc'.encode('ascii') if True else 0)
print(list('hé'.encode()))
print(b'\xe2\x82\xac'.decode('utf-8'), ord(b'\xe2\x82\xac'.decode()))
