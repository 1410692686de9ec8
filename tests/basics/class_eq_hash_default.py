class P:
    pass
a, b = P(), P()
print(a == a, a == b, a != b, a is a)
s = {a, b, a}
print(len(s))
d = {a: 1}
print(d[a], b in d)
class Q:
    def __eq__(self, o):
        return True
    __hash__ = object.__hash__ if hasattr(object, '__hash__') else None
print(Q() == 5, Q() != 5)
