# MicroPython-specific: bool is not a subclass of int, and bitwise ops on
# bools return ints.
print(isinstance(True, int), issubclass(bool, int))
print(True & False, True | False, True ^ True)
print(True + 1, True * 3)
