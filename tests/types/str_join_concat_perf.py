parts = []
for i in range(200):
    parts.append(str(i))
s = ','.join(parts)
print(len(s), s[:20], s[-10:])
acc = ''
for i in range(100):
    acc += chr(65 + i % 26)
print(acc[:30], len(acc))
print(('ab' * 50).count('ba'), 'x' * 0, 'y' * -1)
