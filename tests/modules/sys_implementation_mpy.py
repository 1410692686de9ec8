# MicroPython-specific: implementation name is 'micropython'.
import sys
print(sys.implementation.name)
print(sys.version_info >= (3, 4), sys.version_info[0])
print(sys.implementation.version[0] >= 1)
