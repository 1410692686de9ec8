x = (
 a + b)
y = (
 1.5)
X = 1,\
 2,\
 3
f((x
 for x in y))
