# MicroPython-specific module.
import micropython
print(micropython.opt_level())
micropython.opt_level(1)
print(micropython.opt_level())
micropython.opt_level(0)
print(micropython.opt_level())
print(micropython.const(7))
