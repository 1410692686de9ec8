# Conway's game of life on a torus, with two implementations (a set of live
# cells and a list-of-lists grid) checked against each other, pattern
# detection (period) and population history. Scale: generations (default 40).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


GLIDER = ['.#.', '..#', '###']
RPENT = ['.##', '##.', '.#.']
BLINKER = ['###']


class SetLife:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.live = set()

    def place(self, pattern, ox, oy):
        for y, row in enumerate(pattern):
            for x, ch in enumerate(row):
                if ch == '#':
                    self.live.add(((ox + x) % self.w, (oy + y) % self.h))

    def neighbours(self, x, y):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dx or dy:
                    yield ((x + dx) % self.w, (y + dy) % self.h)

    def step(self):
        counts = {}
        for (x, y) in self.live:
            for n in self.neighbours(x, y):
                counts[n] = counts.get(n, 0) + 1
        new = set()
        for cell, c in counts.items():
            if c == 3 or (c == 2 and cell in self.live):
                new.add(cell)
        self.live = new

    def to_rows(self):
        return [''.join('#' if (x, y) in self.live else '.' for x in range(self.w))
                for y in range(self.h)]


class GridLife:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.g = [[0] * w for _ in range(h)]

    def place(self, pattern, ox, oy):
        for y, row in enumerate(pattern):
            for x, ch in enumerate(row):
                if ch == '#':
                    self.g[(oy + y) % self.h][(ox + x) % self.w] = 1

    def step(self):
        w, h, g = self.w, self.h, self.g
        new = [[0] * w for _ in range(h)]
        for y in range(h):
            up = g[(y - 1) % h]
            mid = g[y]
            down = g[(y + 1) % h]
            for x in range(w):
                l = (x - 1) % w
                r = (x + 1) % w
                n = up[l] + up[x] + up[r] + mid[l] + mid[r] + down[l] + down[x] + down[r]
                if n == 3 or (n == 2 and mid[x]):
                    new[y][x] = 1
        self.g = new

    def to_rows(self):
        return [''.join('#' if v else '.' for v in row) for row in self.g]

    def population(self):
        return sum(sum(row) for row in self.g)


def period(rows_history):
    last = rows_history[-1]
    for p in range(1, len(rows_history)):
        if rows_history[-1 - p] == last:
            return p
    return None


def checksum(rows):
    h = 0
    for r in rows:
        for ch in r:
            h = (h * 31 + (1 if ch == '#' else 0)) % 1000000007
    return h


def main():
    gens = parse_scale(40)
    w, h = 32, 16
    a = SetLife(w, h)
    b = GridLife(w, h)
    for life in (a, b):
        life.place(GLIDER, 1, 1)
        life.place(RPENT, 16, 7)
        life.place(BLINKER, 26, 2)
    history = [b.to_rows()]
    pops = [b.population()]
    agree = True
    for g in range(gens):
        a.step()
        b.step()
        if a.to_rows() != b.to_rows():
            agree = False
        history.append(b.to_rows())
        pops.append(b.population())
    print('implementations agree:', agree)
    print('population:', pops[:10], '...', pops[-3:])
    print('max population %d at generation %d' % (max(pops), pops.index(max(pops))))
    for row in b.to_rows():
        print(row)
    print('checksum:', checksum(b.to_rows()))
    blink = GridLife(5, 5)
    blink.place(BLINKER, 1, 2)
    hist = [blink.to_rows()]
    for _ in range(4):
        blink.step()
        hist.append(blink.to_rows())
    print('blinker period:', period(hist))


main()
