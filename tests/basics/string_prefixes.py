print(r'a\nb', len(r'\t'))
print(b'bytes', rb'\x00', br'\d')
print(u'unicode' == 'unicode')
print('con' 'cat' "ena" '''ted''')
print("""triple
quoted""")
print('\x41\101\u0042\t|', '\\')
print('a\
b')
print(b'\x41\x42', b'\n'[0])
