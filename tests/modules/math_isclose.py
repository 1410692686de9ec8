import math
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.isclose(100, 101, rel_tol=0.02), math.isclose(100, 103, rel_tol=0.02))
