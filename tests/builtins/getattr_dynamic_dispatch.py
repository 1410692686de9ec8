class Calc:
    def op_add(self, a, b):
        return a + b
    def op_sub(self, a, b):
        return a - b
c = Calc()
for name, a, b in (('add', 5, 3), ('sub', 5, 3), ('mul', 5, 3)):
    f = getattr(c, 'op_' + name, None)
    print(name, f(a, b) if f else 'unsupported')
