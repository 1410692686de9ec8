# MicroPython-specific: sys.print_exception prints a traceback to stdout.
import sys
def inner():
    raise ValueError('bad value')
def outer():
    inner()
try:
    outer()
except ValueError as e:
    sys.print_exception(e)
try:
    raise KeyError('k', 2)
except KeyError as e:
    sys.print_exception(e)
sys.print_exception(TypeError())
print('done')
