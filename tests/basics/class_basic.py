class Point:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def dist2(self):
        return self.x ** 2 + self.y ** 2
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
p = Point(3, 4)
print(p.dist2(), Point.count)
q = Point(1, 1).move(1, 2)
print(q.x, q.y, Point.count)
print(isinstance(p, Point), type(p) is Point, type(p).__name__)
p.z = 9
print(p.z, hasattr(p, 'z'), hasattr(q, 'z'))
m = p.dist2
print(m())
print(Point.dist2(q))
