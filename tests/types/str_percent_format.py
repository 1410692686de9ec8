print('%s %s' % ('a', 1), '%r' % 'q', '%5s|%-5s|' % ('x', 'y'))
print('%d %5d %-5d| %05d %+d' % (1, 2, 3, 4, 5))
print('%x %X %o %#x %#o' % (255, 255, 8, 255, 8))
print('%.3s' % 'abcdef', '%%', '%c%c' % (65, 'b'))
print('%(name)s is %(age)d' % {'name': 'Bob', 'age': 30})
print('%s' % (1,), '%s' % [1, 2], '%s-%s' % (None, True))
print('%*d|%-*d|' % (5, 1, 4, 2))
try:
    '%d' % 'x'
except TypeError:
    print('TypeError')
try:
    '%s %s' % (1,)
except TypeError:
    print('not enough args')
