for i in range(5):
    if i == 2:
        continue
    if i == 4:
        break
else:
    print("no break")
for i in range(10, 0, -1):
    pass
for i in range(n):
    print(i)
else:
    print('done')
for i in range(0, n, 3):
    break
for i in range(x, y):
    pass
for i in range(1, 2, z):
    pass
for a, b in pairs:
    print(a, b)
for x in items:
    for y in x:
        if y:
            break
        continue
    else:
        pass
while True:
    if a:
        break
while x > 0:
    x -= 1
    if x == 5:
        continue
    if x == 3:
        break
else:
    y = 2
if a:
    b = 1
elif c:
    b = 2
elif d:
    b = 3
else:
    b = 4
if a and b or c:
    pass
if not a or not b:
    pass
if a < b < c:
    x = 1
x = a if b else c
y = [i for i in range(10) if i % 2]
z = {i: i*i for i in y}
w = {i for i in y if i if i > 2}
g = (i * 2 for i in y for j in z)
nested = [[j for j in range(i)] for i in range(5)]
while 1:
    try:
        break
    finally:
        pass
for q in r:
    try:
        continue
    except:
        break
for q in r:
    with ctx:
        break
