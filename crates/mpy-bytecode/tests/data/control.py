import sys
from os import path as p, sep
from . import foo
try:
    import nothere
except ImportError as e:
    print('no', e)
finally:
    print('fin')
for i in range(10):
    if i == 3:
        continue
    if i == 7:
        break
else:
    print('else')
while True:
    try:
        break
    finally:
        pass
i = 0
while i < 5:
    i += 1
with open('f') as fh, open('g'):
    fh.read()
assert i == 5, 'bad'
def h():
    global i
    i = 2
    for j in range(3):
        try:
            for k in range(3):
                if k:
                    break
                return k
        except (ValueError, TypeError):
            raise
        except Exception as ex:
            raise RuntimeError('x') from ex
x = 1 if i else 2
y = i and x or 3
z = 1 < i < 3
