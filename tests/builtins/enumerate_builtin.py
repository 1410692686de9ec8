for i, c in enumerate('xyz', start=1):
    print(i, c)
e = enumerate(['a', 'b'])
print(next(e), next(e))
print(list(enumerate(range(3), -1)), dict(enumerate('ab')) == {0: 'a', 1: 'b'})
