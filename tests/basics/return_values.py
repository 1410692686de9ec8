def none():
    return
def implicit():
    pass
def multi():
    return 1, 2
def early(x):
    if x:
        return 'yes'
    return 'no'
print(none(), implicit(), multi(), early(1), early(0))
a, b = multi()
print(a + b)
def nested_return():
    for i in range(10):
        for j in range(10):
            if i * j == 12:
                return i, j
print(nested_return())
