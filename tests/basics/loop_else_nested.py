def search(matrix, target):
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            if v == target:
                break
        else:
            continue
        return r, c
    return None
m = [[1, 2], [3, 4], [5, 6]]
print(search(m, 4), search(m, 7), search(m, 1))
n = 0
while n < 3:
    n += 1
    for k in range(2):
        pass
    else:
        n += 0
else:
    print('while else after for else', n)
