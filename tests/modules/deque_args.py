# deque(iterable, maxlen): both arguments required (MicroPython), the
# error counting the missing ones.
from collections import deque

for a in [(), ((),), ((1, 2), -1)]:
    try:
        deque(*a)
    except Exception as e:
        print(type(e).__name__, e)
print(list(deque((1, 2, 3), 2)))
try:
    deque((), -1)
except ValueError as e:
    print(repr(e), e.args)
