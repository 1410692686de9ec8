# Fast Fourier transform (recursive and iterative radix-2) on complex
# numbers, checked against a direct DFT, then used for polynomial
# multiplication and convolution. Scale: log2 of the size (default 7).
import math
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


def cexp(theta):
    return complex(math.cos(theta), math.sin(theta))


def dft(xs):
    n = len(xs)
    out = []
    for k in range(n):
        s = 0j
        for t in range(n):
            s += xs[t] * cexp(-2 * math.pi * k * t / n)
        out.append(s)
    return out


def fft_rec(xs):
    n = len(xs)
    if n == 1:
        return [xs[0]]
    even = fft_rec(xs[0::2])
    odd = fft_rec(xs[1::2])
    out = [0j] * n
    for k in range(n // 2):
        tw = cexp(-2 * math.pi * k / n) * odd[k]
        out[k] = even[k] + tw
        out[k + n // 2] = even[k] - tw
    return out


def bit_reverse(i, bits):
    r = 0
    for _ in range(bits):
        r = (r << 1) | (i & 1)
        i >>= 1
    return r


def fft_iter(xs, inverse=False):
    n = len(xs)
    bits = 0
    while (1 << bits) < n:
        bits += 1
    a = [xs[bit_reverse(i, bits)] for i in range(n)]
    size = 2
    sign = 1 if inverse else -1
    while size <= n:
        half = size // 2
        step = cexp(sign * 2 * math.pi / size)
        for start in range(0, n, size):
            w = 1 + 0j
            for k in range(half):
                u = a[start + k]
                v = a[start + k + half] * w
                a[start + k] = u + v
                a[start + k + half] = u - v
                w *= step
        size *= 2
    if inverse:
        a = [v / n for v in a]
    return a


def max_err(a, b):
    return max(abs(x - y) for x, y in zip(a, b))


def poly_mul(p, q):
    n = 1
    while n < len(p) + len(q):
        n *= 2
    fa = fft_iter([complex(v) for v in p] + [0j] * (n - len(p)))
    fb = fft_iter([complex(v) for v in q] + [0j] * (n - len(q)))
    prod = fft_iter([x * y for x, y in zip(fa, fb)], inverse=True)
    return [int(round(v.real)) for v in prod[:len(p) + len(q) - 1]]


def poly_mul_naive(p, q):
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return out


def fmt(c):
    return '(%.3f,%.3f)' % (c.real + 0.0, c.imag + 0.0)


def main():
    bits = parse_scale(7)
    n = 1 << bits
    xs = [complex(math.sin(i * 0.3) + 0.5 * math.cos(i * 1.7), 0.0) for i in range(n)]
    a = fft_iter(xs)
    b = fft_rec(xs)
    print('n =', n)
    print('iter vs rec error < 1e-9:', max_err(a, b) < 1e-9)
    if n <= 64:
        print('vs dft error < 1e-9:', max_err(a, dft(xs)) < 1e-9)
    back = fft_iter(a, inverse=True)
    print('roundtrip error < 1e-9:', max_err(back, xs) < 1e-9)
    print('first bins:', ' '.join(fmt(v) for v in a[:4]))
    mags = [abs(v) for v in a[:n // 2]]
    peak = max(range(len(mags)), key=lambda i: mags[i])
    print('peak bin:', peak, 'magnitude %.3f' % mags[peak])
    energy_t = sum(abs(v) ** 2 for v in xs)
    energy_f = sum(abs(v) ** 2 for v in a) / n
    print('parseval ok:', abs(energy_t - energy_f) < 1e-6 * energy_t)
    p = [(i * 7 + 3) % 10 for i in range(n // 2)]
    q = [(i * 3 + 1) % 10 for i in range(n // 2)]
    r1 = poly_mul(p, q)
    r2 = poly_mul_naive(p, q)
    print('poly mul ok:', r1 == r2, 'sum', sum(r1), 'mid', r1[len(r1) // 2])


main()
