import sys
print(sys.byteorder in ('little', 'big'), sys.maxsize >= 2 ** 31 - 1, sys.maxsize & (sys.maxsize + 1) == 0)
print(sys.version_info[0], sys.version_info[:1] == (3,), isinstance(sys.version, str))
print(sys.implementation.name in ('cpython', 'micropython'))
print(hasattr(sys.stdout, 'write'), hasattr(sys, 'stdin'), hasattr(sys, 'stderr'))
