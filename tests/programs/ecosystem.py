# A class-heavy simulation: a grid world of plants, herbivores and
# predators with inheritance, properties, class attributes, special methods
# and a deterministic random generator. Scale: number of ticks (default 60).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class Random:
    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s * 214013 + 2531011) & 0xFFFFFFFF
        return (self.s >> 16) & 0x7FFF

    def below(self, n):
        return self.next() % n

    def chance(self, percent):
        return self.below(100) < percent


class Pos:
    __hash__ = None

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, o):
        return self.x == o.x and self.y == o.y

    def __add__(self, o):
        return Pos(self.x + o.x, self.y + o.y)

    def wrap(self, w, h):
        return Pos(self.x % w, self.y % h)

    def key(self):
        return (self.x, self.y)

    def __repr__(self):
        return 'Pos(%d,%d)' % (self.x, self.y)


DIRS = [Pos(1, 0), Pos(-1, 0), Pos(0, 1), Pos(0, -1)]


class Entity:
    symbol = '?'
    next_id = 0
    max_energy = 10

    def __init__(self, pos, energy):
        Entity.next_id += 1
        self.ident = Entity.next_id
        self.pos = pos
        self._energy = energy
        self.age = 0

    @property
    def energy(self):
        return self._energy

    @energy.setter
    def energy(self, v):
        self._energy = min(v, self.max_energy)

    @property
    def alive(self):
        return self._energy > 0

    def tick(self, world):
        self.age += 1

    def __lt__(self, other):
        return self.ident < other.ident

    def __repr__(self):
        return '%s#%d@%r e=%d' % (type(self).__name__, self.ident, self.pos, self.energy)


class Plant(Entity):
    symbol = '*'
    max_energy = 5

    def tick(self, world):
        super().tick(world)
        self.energy += 1
        if self.energy >= 3 and world.rng.chance(45):
            world.spawn_near(self, Plant, 2)


class Animal(Entity):
    prey = ()
    metabolism = 1
    litter_energy = 8

    def tick(self, world):
        super().tick(world)
        self.energy -= self.metabolism
        if not self.alive:
            return
        food = world.find_adjacent(self.pos, self.prey)
        if food is not None:
            self.energy += food.energy + 2
            food.energy = -1
            world.stats['eaten_' + type(food).__name__.lower()] += 1
        else:
            d = DIRS[world.rng.below(4)]
            target = (self.pos + d).wrap(world.w, world.h)
            if world.free(target):
                world.move(self, target)
        if self.energy >= self.litter_energy:
            self.energy -= self.litter_energy // 2
            world.spawn_near(self, type(self), self.litter_energy // 2)


class Herbivore(Animal):
    symbol = 'h'
    prey = (Plant,)
    max_energy = 12


class Predator(Animal):
    symbol = 'P'
    prey = (Herbivore,)
    metabolism = 1
    max_energy = 20
    litter_energy = 14


class World:
    def __init__(self, w, h, seed):
        self.w = w
        self.h = h
        self.rng = Random(seed)
        self.cells = {}
        self.stats = {'born': 0, 'died': 0, 'eaten_plant': 0, 'eaten_herbivore': 0}

    def add(self, ent):
        self.cells[ent.pos.key()] = ent

    def free(self, pos):
        return pos.key() not in self.cells

    def move(self, ent, pos):
        del self.cells[ent.pos.key()]
        ent.pos = pos
        self.cells[pos.key()] = ent

    def find_adjacent(self, pos, kinds):
        for d in DIRS:
            p = (pos + d).wrap(self.w, self.h)
            e = self.cells.get(p.key())
            if e is not None and e.alive and isinstance(e, kinds):
                return e
        return None

    def spawn_near(self, parent, cls, energy):
        for d in DIRS:
            p = (parent.pos + d).wrap(self.w, self.h)
            if self.free(p):
                self.add(cls(p, energy))
                self.stats['born'] += 1
                return True
        return False

    def step(self):
        for ent in sorted(self.cells.values()):
            if ent.alive:
                ent.tick(self)
        for key in sorted(self.cells):
            if not self.cells[key].alive:
                del self.cells[key]
                self.stats['died'] += 1

    def census(self):
        counts = {'Plant': 0, 'Herbivore': 0, 'Predator': 0}
        for e in self.cells.values():
            counts[type(e).__name__] += 1
        return counts

    def render(self):
        rows = []
        for y in range(self.h):
            row = []
            for x in range(self.w):
                e = self.cells.get((x, y))
                row.append(e.symbol if e else '.')
            rows.append(''.join(row))
        return rows


def populate(world):
    rng = world.rng
    for cls, n, energy in ((Plant, 40, 3), (Herbivore, 12, 6), (Predator, 4, 10)):
        placed = 0
        while placed < n:
            p = Pos(rng.below(world.w), rng.below(world.h))
            if world.free(p):
                world.add(cls(p, energy))
                placed += 1


def main():
    ticks = parse_scale(60)
    world = World(24, 12, 7)
    populate(world)
    for t in range(1, ticks + 1):
        world.step()
        if t % 10 == 0 or t == ticks:
            c = world.census()
            print('tick %3d plants %3d herbivores %3d predators %3d'
                  % (t, c['Plant'], c['Herbivore'], c['Predator']))
    for row in world.render():
        print(row)
    print('stats:', sorted(world.stats.items()))
    oldest = sorted(world.cells.values(), key=lambda e: (-e.age, e.ident))[:3]
    for e in oldest:
        print('old:', e, 'age', e.age)


main()
