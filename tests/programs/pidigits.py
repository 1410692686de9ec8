# Digits of pi with a bignum spigot (Gibbons' streaming algorithm on a
# 2x2 integer matrix), plus digits of e and sqrt(2) by integer arithmetic.
# Scale: number of pi digits (default 200).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class Spigot:
    """Streaming pi digit generator using linear fractional transforms."""

    def __init__(self):
        self.q, self.r, self.t = 1, 0, 1
        self.k = 1

    def extract(self, x):
        return (self.q * x + self.r) // self.t

    def safe(self, digit):
        return digit == self.extract(4)

    def produce(self, digit):
        self.q, self.r = 10 * self.q, 10 * (self.r - digit * self.t)

    def consume(self):
        k = self.k
        self.q, self.r, self.t = self.q * k, (2 * self.q + self.r) * (2 * k + 1), self.t * (2 * k + 1)
        self.k += 1

    def digits(self):
        while True:
            d = self.extract(3)
            if self.safe(d):
                yield d
                self.produce(d)
            else:
                self.consume()


def pi_digits(n):
    out = []
    gen = Spigot().digits()
    for _ in range(n):
        out.append(next(gen))
    return out


def e_digits(n):
    """e = sum 1/k! computed as a scaled integer."""
    scale = 10 ** (n + 10)
    total = 0
    term = scale
    k = 0
    while term:
        total += term
        k += 1
        term //= k
    s = str(total // 10 ** 10)
    return s[:n]


def isqrt(n):
    if n < 2:
        return n
    x = 1 << ((n.bit_length() + 1) // 2) if hasattr(n, 'bit_length') else n
    if not hasattr(n, 'bit_length'):
        x = 1
        while x * x <= n:
            x *= 2
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def sqrt2_digits(n):
    return str(isqrt(2 * 10 ** (2 * n)))[:n]


def print_block(label, digits):
    print(label)
    for i in range(0, len(digits), 50):
        chunk = digits[i:i + 50]
        print('  ' + ' '.join(chunk[j:j + 10] for j in range(0, len(chunk), 10)))


def digit_stats(digits):
    counts = [0] * 10
    for c in digits:
        counts[int(c)] += 1
    return counts


def main():
    n = parse_scale(200)
    pi = ''.join(str(d) for d in pi_digits(n))
    print_block('pi (%d digits):' % n, pi)
    print('pi digit counts:', digit_stats(pi))
    e = e_digits(n // 2)
    print_block('e:', e)
    r2 = sqrt2_digits(n // 2)
    print_block('sqrt(2):', r2)
    print('checks:', pi.startswith('31415926535'), e.startswith('2718281828'), r2.startswith('1414213562'))
    big = 1
    for c in pi[:40]:
        big = big * 10 + int(c)
    print('as int mod 997:', big % 997, 'bits > 100:', big > 2 ** 100)


main()
