for s in (0, 1, 5, 31, 32, 33, 62, 63, 64, 65, 100):
    print(s, 1 << s, (1 << s) >> s, -1 << s, (3 << s) >> (s // 2))
print(-5 >> 1, -5 >> 10, 5 >> 10)
try:
    1 << -1
except ValueError:
    print('negative shift')
