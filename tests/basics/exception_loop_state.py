results = []
for i in range(6):
    try:
        if i % 3 == 0:
            raise ValueError(i)
        results.append(10 // (i - 4))
    except ValueError as e:
        results.append('V%d' % e.args[0])
    except ZeroDivisionError:
        results.append('Z')
print(results)
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise RuntimeError
        break
    except RuntimeError:
        continue
print(count)
