class Shape:
    def __init__(self, name):
        self.name = name
    @property
    def area(self):
        return 0
    def describe(self):
        return '%s area=%s' % (self.name, self.area)
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__('rect')
        self.w, self.h = w, h
    @property
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = 'square'
for s in (Shape('blob'), Rect(2, 3), Square(4)):
    print(s.describe())
