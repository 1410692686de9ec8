import random
random.seed(42)
vals = [random.randint(1, 6) for _ in range(20)]
print(all(1 <= v <= 6 for v in vals), len(vals))
x = random.random()
print(0 <= x < 1)
l = list(range(10))
c = random.choice(l)
print(c in l)
print(0 <= random.getrandbits(8) < 256)
