import _helper
print(_helper.HELLO)
print(_helper.bump(), _helper.bump())
import _helper as h2
print(h2 is _helper, h2.counter)
from _helper import bump, HELLO as HI
print(bump(), HI)
print(_helper.__name__)
