l = [1, 2, 3]
for op in (lambda: l[5], lambda: l.pop(10), lambda: l.index(9), lambda: l.remove(9), lambda: [].pop()):
    try:
        op()
    except (IndexError, ValueError) as e:
        print(type(e).__name__)
print(l[-3], l[10:20], l[-10:1])
