vals = [-3, 3, -3.25, 3.75, -(10 ** 20), 0.0]
print([abs(v) for v in vals])
print([round(v) for v in vals if isinstance(v, float)])
print(abs(-7) == 7 == round(7.4))
