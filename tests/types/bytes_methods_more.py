b = b'  Mixed Case  '
print(b.strip(), b.lower(), b.upper(), b.lstrip(), b.rstrip())
print(b'a,b'.partition(b','), b'abc'.index(b'c'), b'abcb'.rfind(b'b'))
print(b'ab' == bytearray(b'ab'), bytearray(b'ab') == b'ab', b'1' + bytearray(b'2'))
print(b'%s-%d' % (b'x', 5) if True else 0)
print(b'abc'.isalpha(), b'123'.isdigit(), b' '.isspace())
print(bytes.fromhex('00ff10'), b'\x00\xff'.hex())
