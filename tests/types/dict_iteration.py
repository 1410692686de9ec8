d = {}
for i in range(50):
    d[i] = i * i
print(len(d), sum(d), sum(d.values()))
for i in range(0, 50, 2):
    del d[i]
print(len(d), sorted(d)[:5])
for i in range(100, 110):
    d[i] = 0
print(len(d), min(d), max(d))
m = {str(i): i for i in range(20)}
print(sorted(m.items(), key=lambda kv: -kv[1])[:3])
