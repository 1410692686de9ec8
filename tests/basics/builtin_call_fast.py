# Built-in calls the desktop VM shortcuts (len, isinstance, list.append,
# argument counts checked in the call path): subclasses and errors must
# still behave as the general path does.


class L(list):
    def __len__(self):
        return 42

    def append(self, x):
        list.append(self, x * 2)


class T(tuple):
    def __len__(self):
        return 7


class S(str):
    def __len__(self):
        return 9


print(len([1, 2, 3]), len(()), len((1, 2)), len(""), len("abc"), len("h\u00e9llo\u20ac"))
print(len("x" * 100), len(L([1])), len(T((1, 2))), len(S("ab")))
l = L()
l.append(3)
print(list(l))
a = []
for i in range(20):
    a.append(i)
print(a, len(a))
m = a.append
m(99)
print(a[-1], list.append(a, 100), a[-1])
print(isinstance(1, int), isinstance(True, bool), isinstance(1, bool), isinstance(1.5, float))
print(isinstance(l, L), isinstance(l, list), isinstance([], L), isinstance("s", (int, str)))
print(isinstance(int, type), isinstance(L, type), isinstance(None, type(None)))
for bad in ((), (1, 2)):
    try:
        len(*bad)
    except TypeError:
        print("TypeError", len(bad))
try:
    isinstance(1, 2)
except TypeError:
    print("TypeError")
try:
    a.append()
except TypeError:
    print("TypeError")
try:
    len(5)
except TypeError:
    print("TypeError")
print(abs(-3), min(3, 1, 2), max([4, 5]))
