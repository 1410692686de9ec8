try:
    import pkg.raises
except ValueError as e:
    print('ValueError propagated:', e)
import sys
print('pkg.raises' in sys.modules)
