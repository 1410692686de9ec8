# random's ranges: members stay in range and on the step for small and
# wide ranges (64-bit spans), and every member of a small range turns up.
import random
random.seed(7)
ok = True
for _ in range(200):
    v = random.randrange(-5, 1000000000000000000, 300000000000000000)
    ok = ok and -5 <= v < 1000000000000000000 and (v + 5) % 300000000000000000 == 0
    w = random.randrange(10, -10, -3)
    ok = ok and -10 < w <= 10 and (10 - w) % 3 == 0
    x = random.randint(-9000000000000000000, 9000000000000000000)
    ok = ok and -9000000000000000000 <= x <= 9000000000000000000
    y = random.randrange(4294967296, 4294967299)
    ok = ok and 4294967296 <= y < 4294967299
print(ok)
seen = set()
for _ in range(400):
    seen.add(random.randint(1, 6))
    seen.add(random.randrange(0, 21, 5) + 100)
print(sorted(seen))
print(random.randrange(5, 6), random.randint(3, 3))
