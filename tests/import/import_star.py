from _starmod import *
print(PUBLIC, public_func())
try:
    print(_underscore)
except NameError:
    print('underscore names not imported')
