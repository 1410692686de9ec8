from pkg.sub import deep
print(deep.D)
import pkg.sub
print(pkg.sub.SUB)
from pkg.sub.sibling import S
print(S)
