# No `os`, no VFS and no `open` (the `minimal` preset leaves out cargo
# feature `os`), as official MicroPython's CORE level (its minimal ports:
# no MICROPY_PY_OS, no MICROPY_VFS). Run by tests/preset_check.py on
# `minimal` builds (expected output beside). `import` still finds modules
# and packages in files.
import builtins
import sys

for name in ["os", "vfs", "uos"]:
    try:
        __import__(name)
    except ImportError as e:
        print("ImportError", e)

try:
    open("os_none.py")
except NameError as e:
    print("NameError", e)
print("open" in dir(builtins), hasattr(builtins, "open"))

# Packages and modules come from the port's files without `os`.
import os_none_pkg
from os_none_pkg.sub import twice

print(os_none_pkg.value, twice(4), os_none_pkg.__name__ in sys.modules)
print(os_none_pkg.__file__.endswith("__init__.py"))

# print(file=...) to the console streams.
print(1, 2, file=sys.stdout)
print("x", end="!\n", file=sys.stderr)
