# MicroPython-specific: sys.stdout.buffer writes bytes, optionally only
# the first n of them.
import sys
print(sys.stdout.buffer.write(b'bytes out\n'))
print(sys.stdout.buffer.write(b'abcdef\n', 3))
print()
print(hasattr(sys.stdin.buffer, 'readinto'), hasattr(sys.stdin, 'buffer'))
