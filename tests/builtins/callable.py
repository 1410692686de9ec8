class C:
    def m(self):
        pass
class D:
    def __call__(self):
        return 1
print(callable(len), callable(C), callable(C()), callable(C().m), callable(D()))
print(callable(lambda: 0), callable(1), callable('s'), callable(None), callable(print))
