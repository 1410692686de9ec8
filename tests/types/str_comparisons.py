words = ['pear', 'Peach', 'apple', 'apricot', '', 'a', 'B']
print(sorted(words))
print(max(words), min(words))
print('abc' == 'abc', 'a' * 3 == 'aaa')
print('a' < 'B', 'é' > 'z', '10' < '9')
print(hash('abc') == hash('ab' + 'c'))
