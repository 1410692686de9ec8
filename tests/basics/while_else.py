i = 0
while i < 5:
    i += 1
else:
    print('else ran', i)
i = 0
while True:
    i += 1
    if i == 3:
        break
else:
    print('bad')
print('broke at', i)
n = 10
total = 0
while n:
    n -= 1
    if n % 2:
        continue
    total += n
print(total)
while False:
    pass
else:
    print('else on false')
