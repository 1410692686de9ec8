import math
class K:
    def __call__(self):
        return 'called'
    def meth(self):
        return 1
print([callable(x) for x in (K, K(), K().meth, math.sqrt, len, int, 'x', 3, None, lambda: 1)])
print(K()(), int('5'), (lambda: 'lam')())
