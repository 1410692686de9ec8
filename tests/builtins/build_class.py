def body():
    x = 10
    def get(self):
        return self.x * 2
    return None
# __build_class__ is what the class statement calls.
def func_body():
    pass
C = __build_class__(lambda: None, 'C')
print(C.__name__, type(C) is type)
class D:
    x = 10
print(D.x, D.__name__)
