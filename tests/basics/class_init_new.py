class Point:
    def __new__(cls, *args):
        obj = super().__new__(cls)
        obj.created_by_new = True
        return obj
    def __init__(self, x):
        self.x = x
p = Point(3)
print(p.x, p.created_by_new)
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Single() is Single())
class NotInst:
    def __new__(cls):
        return 42
print(NotInst())
