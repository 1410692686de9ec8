for x in range(4):
    print('even' if x % 2 == 0 else 'odd', end=' ')
print()
print((1 if True else 2), (1 if False else 2))
v = None
print(v if v is not None else 'default')
print([x if x > 1 else -x for x in range(4)])
print('a' if 0 else 'b' if 0 else 'c')
f = (lambda: 'L') if 1 else None
print(f())
