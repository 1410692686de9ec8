#!/usr/bin/env python3
"""Benchmark (not a test): the smallest `-X heapsize` with which each
program in tests/programs finishes at its default (small) scale with the
same output as CPython, found by bisection. Prints a table; with several
binaries (e.g. before/after a change, or 64-bit and 32-bit builds) one
column each.

  python3 bench/min_heap.py [--binary NAME=PATH ...] [--step BYTES] [PROGRAM ...]

Caution: success is not monotonic in the heap size (e.g. fft passes at 66
KiB, fails at 67 and 70, passes at 71), since where a collection happens,
which stale native-stack words the conservative scan sees, and how the
large tables fit all shift with the size; the bisection finds one
passing size above a failing one, so differences of a few percent between
two binaries are within this noise. Compare over a range of sizes before
concluding.
"""
import argparse
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(REPO, "tests", "programs")


def run(binary, prog, heap):
    try:
        p = subprocess.run([binary, "-X", "heapsize=%d" % heap, prog], cwd=PROGRAMS,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    return p.stdout if p.returncode == 0 else None


def min_heap(binary, prog, expected, step):
    lo, hi = 1024, 1024
    while True:
        out = run(binary, prog, hi)
        if out == expected:
            break
        lo = hi
        hi *= 2
        if hi > 1 << 30:
            return None
    # Invariant: lo fails (or is the floor), hi passes.
    while hi - lo > step:
        mid = (lo + hi) // 2
        if run(binary, prog, mid) == expected:
            hi = mid
        else:
            lo = mid
    return hi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", action="append", default=[],
                    help="NAME=PATH of a micropython binary (repeatable)")
    ap.add_argument("--step", type=int, default=256, help="bisection resolution in bytes")
    ap.add_argument("programs", nargs="*")
    a = ap.parse_args()
    bins = [b.split("=", 1) for b in a.binary] or [["ours", os.path.join(REPO, "target", "release", "micropython")]]
    progs = a.programs or sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    print("| program | " + " | ".join(n for n, _ in bins) + " |")
    print("|---|" + "---|" * len(bins))
    for prog in progs:
        exp = subprocess.run([sys.executable, prog], cwd=PROGRAMS, stdout=subprocess.PIPE).stdout
        cells = []
        for _, path in bins:
            h = min_heap(path, prog, exp, a.step)
            cells.append("failed" if h is None else "%.1f KiB" % (h / 1024))
        print("| %s | %s |" % (prog, " | ".join(cells)), flush=True)


if __name__ == "__main__":
    main()
