# MicroPython's list.sort is not stable, so every key here is distinct.
l = [5, 2, 8, 1, 9, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'date', 'Elder', 'fig']
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: w[-1] + w))
print(sorted(words, key=len, reverse=True) if False else sorted(words, key=lambda w: (len(w), w), reverse=True))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b'), (2, 'c'), (1, 'c')]
print(sorted(pairs), sorted(pairs, reverse=True))
print(sorted(pairs, key=lambda p: (p[1], p[0])))
big = [(i * 7919) % 1009 for i in range(500)]
s = sorted(big)
print(s[:10], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
big.sort(key=lambda v: -v)
print(big[:5])
print(sorted([3.5, -1, 2, 0.5, -7.25]), sorted('hello world'))
print(sorted([[2, 1], [1, 9], [1, 2]]), sorted([]), sorted([1]))
try:
    sorted([1, 'a'])
except TypeError:
    print('unorderable')
