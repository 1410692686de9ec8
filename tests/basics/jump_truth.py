# Conditional jumps on values whose truth the loop decides inline (True,
# False, None, small ints) and on others (via __bool__/__len__).
vals = [True, False, None, 0, 1, -1, 2**30, -(2**30), 2**62, 0.0, "", "a", [], [0], (), {}, 1.5]
for v in vals:
    r = []
    if v:
        r.append("if")
    if not v:
        r.append("not")
    r.append(v or "or")
    r.append(v and "and")
    n = 0
    while v:
        n += 1
        break
    r.append(n)
    print(repr(v), r)

n = 5
count = 0
while n:
    n -= 1
    count += 1
print(count)


class B:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        print("bool", self.b)
        return self.b


print([1 for x in (B(True), B(False)) if x])
print(B(False) or 7, B(True) and 8)


class Bad:
    def __bool__(self):
        raise ValueError("no")


try:
    if Bad():
        pass
except ValueError as e:
    print("ValueError", e)
