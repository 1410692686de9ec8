name = 'world'
n = 42
pi = 3.14159
print(f'hello {name}')
print(f'{n} {n:5d}|{n:<5}|{n:^6}|{n:>4}|')
print(f'{pi:.2f} {pi:8.3f} {pi:e}')
print(f'{name!r} {name!s} {"q"!r}')
print(f'{{literal}} {n + 1} {[1, 2][0]}')
w = 10
p = 3
print(f'{pi:{w}.{p}f}|')
print(f'{n:x} {n:o} {n:b} {n:#x} {n:08b}')
d = {'k': 'v'}
print(f"{d['k']} {len(d)}")
print(f'{"nested " + str(n)}')
print(f'{n=}' if False else 'skip')
print(rf'raw\n{n}', f'{n!r:>5}')
print(f'{1000000:,}' if False else f'{-5:+d} {5:+d} {5: d}')
