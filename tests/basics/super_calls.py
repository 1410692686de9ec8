class Base:
    def __init__(self, v):
        self.v = v
    def describe(self):
        return 'Base(%s)' % self.v
    @classmethod
    def make(cls, v):
        return cls(v)
class Child(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    def describe(self):
        return 'Child[' + super().describe() + ',%s]' % self.w
    @classmethod
    def make(cls, v):
        obj = super().make(v) if False else cls(v, 0)
        return obj
c = Child(1, 2)
print(c.describe())
print(Child.make(7).describe())
print(super(Child, c).describe())
class G(Child):
    def describe(self):
        return 'G:' + super(Child, self).describe()
print(G(3, 4).describe())
