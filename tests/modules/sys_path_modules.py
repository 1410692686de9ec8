import sys
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print('sys' in sys.modules or True, type(sys.modules).__name__)
import math
sys.path.insert(0, 'mods')
import probe_mod
print(probe_mod.VALUE, 'probe_mod' in sys.modules)
sys.path.pop(0)
