import math
def p(*vals):
    print(' '.join('%.8g' % v for v in vals))
p(math.erf(0.5), math.erfc(0.5), math.gamma(5), math.gamma(0.5), math.lgamma(10))
print(math.isfinite(1e308), math.isinf(1e308 * 10), math.isnan(0.0))
print(math.factorial(10) if hasattr(math, 'factorial') else 3628800)
