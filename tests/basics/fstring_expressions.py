items = ['a', 'b']
d = {'x': 1}
n = 7
print(f'{len(items)} items: {", ".join(items)}')
print(f'{d["x"] + 1} {n * 2} {n % 3} {n // 2} {-n}')
print(f'{"yes" if n > 5 else "no"} {[i for i in range(3)]}')
print(f'{n:>5}|{n:<5}|{n:^5}|{n:05}')
print(f'{3.14159:.3} {2.5:g} {1e-7:.2e}')
print(f'{"s"!r:>6}')
print(f'{n}{n}' f'{n}' 'plain')
print(f'''{n}
{n + 1}''')
w = 8
print(f'{n:{w}}|', f'{"x":{"*"}>{w}}' if False else '')
