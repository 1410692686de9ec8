class K:
    n = 0
    @staticmethod
    def s(a, b):
        return a + b
    @classmethod
    def c(cls, v):
        cls.n += v
        return cls.__name__, cls.n
class L(K):
    pass
print(K.s(1, 2), K().s(3, 4))
print(K.c(5), L.c(1), K().c(1))
print(K.n, L.n)
