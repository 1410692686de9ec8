import sys
import _helper
print('_helper' in sys.modules, sys.modules['_helper'] is _helper)
_helper.counter = 100
import _helper as again
print(again.counter)
del sys.modules['_helper']
import _helper as fresh
print(fresh.counter, fresh is again)
