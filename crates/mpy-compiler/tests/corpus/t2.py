for i in range(10):
    print(i)
for i in range(1, n, 2):
    pass
for x in y:
    if x: break
    continue
else:
    z = 1
while a < b:
    a += 1
else:
    pass
try:
    f()
except ValueError as e:
    g(e)
except:
    pass
else:
    h()
finally:
    k()
with open(f) as fp, q:
    fp.read()
