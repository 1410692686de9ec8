def f():
    try:
        return 1
    finally:
        return 2
print(f())
def g():
    try:
        raise KeyError('k')
    finally:
        return 'swallowed'
print(g())
def h():
    for i in range(5):
        try:
            try:
                raise ValueError(i)
            finally:
                if i == 2:
                    break
        except ValueError:
            pass
    return i
print(h())
def k():
    x = []
    for i in range(4):
        try:
            x.append(i)
        finally:
            if i % 2 == 0:
                continue
        x.append(-i)
    return x
print(k())
