class A:
    x = 1
    def meth(self):
        pass
a = A()
a.y = 2
d = dir(a)
print('x' in d, 'meth' in d, 'y' in d, 'zzz' in d)
print('append' in dir([]), 'keys' in dir({}), 'join' in dir(''))
import math
print('sqrt' in dir(math), 'pi' in dir(math))
print(type(dir()).__name__)
