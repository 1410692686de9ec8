# Fannkuch-redux style benchmark: for every permutation of 1..n count the
# pancake flips needed to bring 1 to the front; report the checksum and the
# maximum. Scale: n (default 7).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


def flips(perm):
    """Number of prefix reversals until perm[0] == 0."""
    p = list(perm)
    count = 0
    first = p[0]
    while first:
        i = 0
        j = first
        while i < j:
            p[i], p[j] = p[j], p[i]
            i += 1
            j -= 1
        count += 1
        first = p[0]
    return count


def permutations_in_order(n):
    """Yield (index, permutation) using the counting rotation scheme."""
    perm = list(range(n))
    count = [0] * n
    index = 0
    yield index, perm
    r = 1
    while r < n:
        # rotate the first r+1 elements left by one
        first = perm[0]
        for i in range(r):
            perm[i] = perm[i + 1]
        perm[r] = first
        count[r] += 1
        if count[r] <= r:
            index += 1
            yield index, perm
            r = 1
        else:
            count[r] = 0
            r += 1


def fannkuch(n):
    checksum = 0
    max_flips = 0
    seen = 0
    for idx, perm in permutations_in_order(n):
        f = flips(perm)
        seen += 1
        if f > max_flips:
            max_flips = f
        checksum += f if idx % 2 == 0 else -f
    return checksum, max_flips, seen


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


class Stats:
    def __init__(self):
        self.hist = {}

    def add(self, f):
        self.hist[f] = self.hist.get(f, 0) + 1

    def report(self):
        keys = sorted(self.hist)
        return ', '.join('%d:%d' % (k, self.hist[k]) for k in keys)


def histogram(n):
    st = Stats()
    for _, perm in permutations_in_order(n):
        st.add(flips(perm))
    return st


def check_distinct(n):
    seen = set()
    for _, perm in permutations_in_order(n):
        seen.add(tuple(perm))
    return len(seen) == factorial(n)


def main():
    n = parse_scale(7)
    for k in range(3, n + 1):
        checksum, max_flips, seen = fannkuch(k)
        print('n=%d checksum=%d max_flips=%d perms=%d' % (k, checksum, max_flips, seen))
        assert seen == factorial(k)
    small = min(n, 6)
    print('flip histogram n=%d:' % small, histogram(small).report())
    print('all permutations distinct:', check_distinct(min(n, 6)))
    print('Pfannkuchen(%d) = %d' % (n, fannkuch(n)[1]))


main()
