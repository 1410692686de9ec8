res = []
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        res.append((i, j))
print(res)
i = 0
out = []
while i < 6:
    i += 1
    j = 0
    while True:
        j += 1
        if j >= i:
            break
    if i == 5:
        continue
    out.append(j)
print(out)
