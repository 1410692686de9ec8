import math
def p(*vals):
    print(' '.join('%.9f' % v for v in vals))
p(math.sin(0), math.sin(math.pi / 6), math.cos(math.pi / 3), math.tan(math.pi / 4))
p(math.asin(1), math.acos(0), math.atan(1), math.atan2(1, -1), math.atan2(-1, -1))
p(math.sinh(1), math.cosh(1), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
p(math.degrees(math.pi), math.radians(180))
