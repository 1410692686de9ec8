# N-queens: count and list solutions with three different strategies
# (backtracking with sets, bitmasks, and a permutation generator), checking
# that they agree. Scale: board size (default 6).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class Board:
    """Incremental backtracking board using column/diagonal sets."""

    def __init__(self, n):
        self.n = n
        self.cols = set()
        self.diag1 = set()
        self.diag2 = set()
        self.queens = []

    def free(self, row, col):
        return (col not in self.cols and (row - col) not in self.diag1
                and (row + col) not in self.diag2)

    def place(self, row, col):
        self.cols.add(col)
        self.diag1.add(row - col)
        self.diag2.add(row + col)
        self.queens.append(col)

    def remove(self, row, col):
        self.cols.discard(col)
        self.diag1.discard(row - col)
        self.diag2.discard(row + col)
        self.queens.pop()

    def solve(self, row, out):
        if row == self.n:
            out.append(tuple(self.queens))
            return
        for col in range(self.n):
            if self.free(row, col):
                self.place(row, col)
                self.solve(row + 1, out)
                self.remove(row, col)


def count_bits(n):
    """Count solutions using bitmasks."""
    full = (1 << n) - 1

    def go(cols, d1, d2):
        if cols == full:
            return 1
        total = 0
        avail = full & ~(cols | d1 | d2)
        while avail:
            bit = avail & -avail
            avail -= bit
            total += go(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1)
        return total

    return go(0, 0, 0)


def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield [items[i]] + p


def count_perm(n):
    """Count solutions by filtering permutations (only for small n)."""
    count = 0
    for p in permutations(list(range(n))):
        ok = True
        for i in range(n):
            for j in range(i + 1, n):
                if abs(p[i] - p[j]) == j - i:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            count += 1
    return count


def render(sol):
    n = len(sol)
    lines = []
    for r in range(n):
        lines.append(' '.join('Q' if sol[r] == c else '.' for c in range(n)))
    return '\n'.join(lines)


def is_valid(sol):
    n = len(sol)
    for i in range(n):
        for j in range(i + 1, n):
            if sol[i] == sol[j] or abs(sol[i] - sol[j]) == j - i:
                return False
    return True


def main():
    n = parse_scale(6)
    for size in range(1, n + 1):
        b = Board(size)
        sols = []
        b.solve(0, sols)
        bits = count_bits(size)
        line = 'n=%d backtrack=%d bits=%d' % (size, len(sols), bits)
        if size <= 7:
            line += ' perm=%d' % count_perm(size)
        print(line)
        assert all(is_valid(s) for s in sols)
    b = Board(n)
    sols = []
    b.solve(0, sols)
    if sols:
        print('first solution for n=%d:' % n)
        print(render(sols[0]))
        print('last solution:', sols[-1])
    mirrored = set(tuple(n - 1 - c for c in s) for s in sols)
    print('closed under mirroring:', mirrored == set(sols))


main()
