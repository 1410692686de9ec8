s = 'abracadabra'
print(s.find('a', 1), s.find('a', 1, 3), s.rfind('a', 0, 5), s.find('bra', -4))
print(s.count('a', 2), s.count('a', 2, 6), s.startswith('cad', 4), s.endswith('abr', 0, 10))
print(s.index('c', 2, 10), s.replace('a', '', 2), s.split('a'), s.split('a', 2))
print(s.strip('a'), s.lstrip('ab'), s.rstrip('ar'))
print(s[2:8].upper(), s[-4:].upper())
