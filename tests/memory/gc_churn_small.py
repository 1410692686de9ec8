# cmdline: -X heapsize=16k
# Continuous churn of short-lived objects on a small heap.
acc = 0
for i in range(3000):
    t = (i, str(i), [i, i + 1], {'k': i})
    acc += t[0] + len(t[1]) + t[2][1] + t[3]['k']
print(acc)
s = ''
for i in range(300):
    s = (s + chr(97 + i % 26))[-50:]
print(s)
