m = __import__('math')
print(m.sqrt(16.0), m.__name__)
s = __import__('sys')
print(s is __import__('sys'))
try:
    __import__('no_such_module_xyz')
except ImportError:
    print('ImportError')
