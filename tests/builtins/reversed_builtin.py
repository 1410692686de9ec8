print(list(reversed([1, 2, 3])), ''.join(reversed('hello')), list(reversed(range(0, 10, 3))))
print(list(reversed(())), tuple(reversed((1, 2))), list(reversed(b'ab')))
