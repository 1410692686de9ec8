# MicroPython-specific: str/repr of exceptions (KeyError str, repr trailing comma).
for e in (KeyError('k'), KeyError(1), ValueError('single'), ValueError(), ValueError(1, 2), IndexError('i')):
    print(str(e), '|', repr(e))
