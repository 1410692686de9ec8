# cmdline: -X heapsize=32k
x = 1
for i in range(1, 300):
    x = x * i
    if x.__class__ is not int:
        break
print(len(str(x)), x % 1000003)
f = [0, 1]
for i in range(400):
    f = [f[1], f[0] + f[1]]
print(f[1] % 10 ** 20)
