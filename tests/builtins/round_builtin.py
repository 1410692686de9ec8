print(round(0.4), round(0.5), round(0.6), round(1.5), round(2.5), round(-1.5), round(-2.5))
print(round(3.14159, 2), round(2.5, 0), round(-3.14159, 3), round(12345, -2), round(12355, -1))
print(round(7), type(round(7.0)).__name__, round(1e10 + 0.5))
print(round(0.125, 2), round(0.375, 2))
