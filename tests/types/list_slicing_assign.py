l = list(range(10))
l[2:5] = ['a']
print(l)
l[:] = [1, 2, 3]
print(l)
l[1:1] = [9, 9]
print(l)
l[-1:] = []
print(l)
l[len(l):] = [7, 8]
print(l)
m = l
m[:] = []
print(l, m is l)
a = [1, 2, 3, 4, 5]
print(a[::-1], a[-2::-2], a[1:4][::-1], a[5:0:-2])
