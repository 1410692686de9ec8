f = lambda: (yield)
x = [1 for a in b if (yield)]
