# Multiple inheritance follows C3 (CPython's MRO): in a diamond super()
# chains visit every class once, the shared base last.
class A:
    def chain(self):
        return ['A']
    def who(self):
        return 'A.who'
class B(A):
    def chain(self):
        return ['B'] + super().chain()
class C(A):
    def chain(self):
        return ['C'] + super().chain()
    def only_c(self):
        return 'C.only_c'
    def who(self):
        return 'C.who'
class D(B, C):
    def chain(self):
        return ['D'] + super().chain()
print(D().chain())
print(D().only_c())
# C overrides A, and C comes before A in D's MRO.
print(D().who())
print(B().chain(), C().chain())
