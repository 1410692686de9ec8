# A small float ray tracer: spheres and a checkered plane, diffuse and
# specular lighting, shadows and one reflection bounce, rendered as ASCII
# shades. Scale: image width in characters (default 40).
import math
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def norm(self):
        l = self.length()
        return Vec(self.x / l, self.y / l, self.z / l)


class Ray:
    def __init__(self, origin, direction):
        self.o = origin
        self.d = direction.norm()

    def at(self, t):
        return self.o + self.d * t


class Sphere:
    def __init__(self, center, radius, shade, reflect):
        self.c = center
        self.r = radius
        self.shade = shade
        self.reflect = reflect

    def hit(self, ray):
        oc = ray.o - self.c
        b = oc.dot(ray.d)
        c = oc.dot(oc) - self.r * self.r
        disc = b * b - c
        if disc < 0:
            return None
        s = math.sqrt(disc)
        t = -b - s
        if t > 1e-6:
            return t
        t = -b + s
        if t > 1e-6:
            return t
        return None

    def normal(self, p):
        return (p - self.c).norm()

    def color(self, p):
        return self.shade


class Plane:
    def __init__(self, y):
        self.y = y
        self.reflect = 0.2

    def hit(self, ray):
        if abs(ray.d.y) < 1e-9:
            return None
        t = (self.y - ray.o.y) / ray.d.y
        return t if t > 1e-6 else None

    def normal(self, p):
        return Vec(0.0, 1.0, 0.0)

    def color(self, p):
        check = (int(math.floor(p.x)) + int(math.floor(p.z))) % 2
        return 0.9 if check else 0.3


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0, 0.9, 0.3),
            Sphere(Vec(-2.0, 0.6, 6.5), 0.6, 0.6, 0.0),
            Sphere(Vec(1.8, 0.5, 4.0), 0.5, 0.8, 0.5),
            Plane(0.0),
        ]
        self.light = Vec(-4.0, 6.0, 1.0)
        self.ambient = 0.08

    def nearest(self, ray):
        best = None
        best_t = 1e30
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < best_t:
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, p, to_light, dist):
        ray = Ray(p, to_light)
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return 0.05 + 0.1 * max(0.0, ray.d.y)
        p = ray.at(t)
        n = obj.normal(p)
        lv = self.light - p
        dist = lv.length()
        l = lv.norm()
        base = obj.color(p)
        lum = self.ambient
        if not self.shadowed(p, l, dist):
            diff = max(0.0, n.dot(l))
            h = (l - ray.d).norm()
            spec = max(0.0, n.dot(h)) ** 20
            lum += base * diff + 0.4 * spec
        if depth > 0 and obj.reflect > 0:
            rd = ray.d - n * (2 * ray.d.dot(n))
            lum = lum * (1 - obj.reflect) + obj.reflect * self.trace(Ray(p, rd), depth - 1)
        return lum


SHADES = ' .:-=+*#%@'


def render(width):
    height = width // 2
    scene = Scene()
    eye = Vec(0.0, 1.2, 0.0)
    rows = []
    total = 0.0
    for j in range(height):
        line = []
        for i in range(width):
            x = (i - width / 2) / width * 2.0
            y = (height / 2 - j) / height * 1.2
            lum = scene.trace(Ray(eye, Vec(x, y, 1.5)), 1)
            total += lum
            k = int(min(0.999, max(0.0, lum)) * len(SHADES))
            line.append(SHADES[k])
        rows.append(''.join(line))
    return rows, total


def main():
    width = parse_scale(40)
    rows, total = render(width)
    for r in rows:
        print('|' + r + '|')
    print('average luminance: %.4f' % (total / (len(rows) * width)))
    counts = {}
    for r in rows:
        for ch in r:
            counts[ch] = counts.get(ch, 0) + 1
    print('shade histogram:', [counts.get(c, 0) for c in SHADES])


main()
