# MicroPython-specific: method resolution is depth-first, not C3, so in a
# diamond super() chains differ from CPython.
class A:
    def chain(self):
        return ['A']
class B(A):
    def chain(self):
        return ['B'] + super().chain()
class C(A):
    def chain(self):
        return ['C'] + super().chain()
    def only_c(self):
        return 'C.only_c'
class D(B, C):
    def chain(self):
        return ['D'] + super().chain()
print(D().chain())
print(D().only_c())
