print('tab\there', 'nl\\n', 'quote\'s', "dq\"s")
print(len('\x00\x01'), '\101\102', '\u00e9' == '\xe9', '\U0001F600' == '\U0001f600')
print(repr('\t\n\r\x0b\x0c'), repr('\x7f'), repr('\\'))
print(b'\x80\xff'[0], b'\101', len(b'\n\t'))
print('a\
b', 'line\
cont')
print('\a\b\f\v' == '\x07\x08\x0c\x0b')
