import _helper
print(sorted(k for k in dir(_helper) if not k.startswith('__')))
import pkg.mod_a
print(pkg.mod_a._private)
print(hasattr(pkg, 'mod_a'))
