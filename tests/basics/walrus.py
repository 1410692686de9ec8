data = [1, 5, 3, 8, 2]
if (n := len(data)) > 3:
    print('long', n)
out = []
i = 0
while (i := i + 1) < 4:
    out.append(i)
print(out)
print([y for x in data if (y := x * 2) > 5])
print(y)
def f():
    if (m := max(data)) > 7:
        return m
print(f())
print((z := 10) + z)
