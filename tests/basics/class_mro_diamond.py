# Diamond inheritance: micropython-rs resolves methods by the C3 MRO (as
# CPython and the project's issue require), where official MicroPython
# searches depth-first; CPython is the oracle for this test.
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
