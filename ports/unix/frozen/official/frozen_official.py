# Compiled with the OFFICIAL mpy-cross 1.29 to frozen_official.mpy (see
# manifest.txt); this source is kept for reference and is not frozen.
VALUE = 12345678901234567890


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)
