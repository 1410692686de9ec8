s = 'python'
print(list(s), [c for c in s if c in 'aeiou'], tuple(s[1:3]))
print(s.index('th'), 'th' in s)
for i, c in enumerate('abc'):
    print(i, c, end=';')
print()
print(sorted('hello'), ''.join(sorted('hello', reverse=True)))
print(min('hello'), max('hello'), 'x'.join(reversed('abc')))
try:
    s.index('z')
except ValueError:
    print('not found')
try:
    s[10]
except IndexError:
    print('index error')
try:
    s[0] = 'P'
except TypeError:
    print('immutable')
