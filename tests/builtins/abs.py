print(abs(-5), abs(5), abs(0), abs(-2.5), abs(-2 ** 80), abs(3 + 4j), abs(True), abs(-0.0))
class A:
    def __abs__(self):
        return 'custom abs'
print(abs(A()))
