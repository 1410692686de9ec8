import sys
import math
import math as m2
print(math is m2)
print(sys.modules['math'] is math if 'math' in sys.modules else True)
