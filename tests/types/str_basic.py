s = 'Hello, World'
print(len(s), s[0], s[-1], s[7:], s[:5], s[3:-3])
print(s + '!', s * 2, 'lo' in s, 'xyz' not in s)
print(s.lower(), s.upper(), s.lower().upper())
print(s.find('o'), s.rfind('o'), s.find('z'), s.index('W'), s.rindex('l'))
print(s.count('l'), s.count('lo'), s.count(''))
print(s.startswith('He'), s.endswith('ld'), s.startswith(('x', 'H')), s.startswith('l', 2))
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', '' < 'a', 'ab' < 'abc')
print(s[100:], s[-100:3], s[5:2])
