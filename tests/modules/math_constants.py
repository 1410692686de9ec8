import math
print('%.12f %.12f' % (math.pi, math.e))
print(math.inf > 10 ** 300 if hasattr(math, 'inf') else True, math.isnan(math.nan) if hasattr(math, 'nan') else True)
