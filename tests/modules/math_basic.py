import math
def p(*vals):
    print(' '.join('%.10g' % v for v in vals))
p(math.sqrt(2), math.sqrt(144), math.pow(2, 10), math.exp(1), math.exp(-2))
p(math.log(math.e), math.log(100, 10), math.log10(1000), math.log2(1024), math.log(8, 2))
p(math.fabs(-3.5), math.floor(2.7), math.ceil(2.1), math.trunc(-2.7))
p(math.fmod(7, 3), math.fmod(-7, 3), math.copysign(3, -0.0))
print(math.floor(-0.5), math.ceil(-0.5), type(math.floor(1.5)).__name__)
p(*math.modf(3.25))
p(*math.frexp(8.0))
p(math.ldexp(0.5, 4))
