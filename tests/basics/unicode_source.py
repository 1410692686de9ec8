s = 'héllo wörld ☃'
print(s, len(s))
print('abc'.upper(), s.count('l'))
print(s[1], s[-1], s[6:11])
print([ord(c) for c in 'aé☃'])
print(chr(233), chr(9731), '\u00e9' == 'é')
名前 = 'name'
print(名前)
print(s.encode()[:8], len(s.encode()))
print('é'.encode('utf-8'), b'\xc3\xa9'.decode())
