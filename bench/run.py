#!/usr/bin/env python3
"""Benchmark runner (not a test): times each program in tests/programs at a
larger scale on our binary and on CPython (and optionally the wasm
MicroPython oracle), best of N runs (CPU time of the child process, user +
system), and prints a table with the ratio ours/CPython per program and
the geometric mean of the ratios.

  python3 bench/run.py [--binary PATH] [-n 3] [--mpy] [--scale-factor F] [NAME ...]

Outputs are also compared: a program whose output differs from CPython's
is flagged with '!' (its time is still shown).
"""
import argparse
import math
import os
import subprocess
import resource
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(REPO, "tests", "programs")
ORACLE = os.path.join(REPO, "tools", "mp_oracle.mjs")

# Scale per program so that CPython takes roughly 0.5-2 s.
SCALES = {
    "calc.py": 1500,
    "ecosystem.py": 400,
    "fannkuch.py": 9,
    "fft.py": 12,
    "life.py": 1200,
    "nqueens.py": 11,
    "pidigits.py": 4000,
    "pipeline.py": 50000,
    "raytrace.py": 240,
    "scheduler.py": 100000,
    "wordfreq.py": 200000,
}


def time_run(cmd, n, timeout):
    best = None
    out = None
    for _ in range(n):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            p = subprocess.run(cmd, cwd=PROGRAMS, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, None
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time (user + system) of the child, not wall time: steadier
        # on a shared, loaded machine.
        dt = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if p.returncode != 0:
            return None, p.stdout
        out = p.stdout
        best = dt if best is None else min(best, dt)
    return best, out


def fmt(t):
    return "%8.3f" % t if t is not None else "  failed"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="program names (default: all)")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "micropython"))
    ap.add_argument("--heapsize", default="64M",
                    help="our heap (-X heapsize=): the larger scales outgrow the 2 MiB default")
    ap.add_argument("-n", type=int, default=3, help="runs per measurement (best is kept)")
    ap.add_argument("--mpy", action="store_true", help="also time the wasm MicroPython oracle")
    ap.add_argument("--scale-factor", type=float, default=1.0,
                    help="multiply each program's scale (e.g. 0.1 for a quick check)")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    names = args.names or sorted(SCALES)
    binary = os.path.abspath(args.binary)
    have_binary = os.path.exists(binary)
    if not have_binary:
        print("note: %s not found; only CPython%s timed" % (binary, " and wasm" if args.mpy else ""))

    head = "%-14s %7s %8s %8s %8s" % ("program", "scale", "cpython", "ours", "ratio")
    if args.mpy:
        head += " %8s %8s" % ("wasm", "w-ratio")
    print(head)
    ratios = []
    wratios = []
    for name in names:
        if not name.endswith(".py"):
            name += ".py"
        base = SCALES.get(name, 1)
        scale = max(1, int(round(base * args.scale_factor))) if isinstance(base, int) else base
        if name in ("fannkuch.py", "nqueens.py", "fft.py") and args.scale_factor != 1.0:
            # exponential scales: shift instead of multiplying
            scale = max(3, base + int(round(math.log(args.scale_factor, 2))))
        argv = [name, str(scale)]
        t_c, out_c = time_run(["python3"] + argv, args.n, args.timeout)
        line = "%-14s %7s %s" % (name[:-3], scale, fmt(t_c))
        if have_binary:
            t_o, out_o = time_run([binary, "-X", "heapsize=" + args.heapsize] + argv, args.n, args.timeout)
            mark = "" if out_o == out_c else "!"
            ratio = t_o / t_c if t_o and t_c else None
            if ratio:
                ratios.append(ratio)
            line += " %s %7s%s" % (fmt(t_o), "%.2f" % ratio if ratio else "-", mark or " ")
        else:
            line += " %8s %8s" % ("-", "-")
        if args.mpy:
            t_w, out_w = time_run(["node", ORACLE] + argv, args.n, args.timeout)
            wr = t_w / t_c if t_w and t_c else None
            if wr:
                wratios.append(wr)
            line += " %s %8s" % (fmt(t_w), "%.2f" % wr if wr else "-")
        print(line)
        sys.stdout.flush()

    def gmean(xs):
        return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None

    g = gmean(ratios)
    tail = "geometric mean ours/CPython: %s" % ("%.3f" % g if g else "n/a")
    if args.mpy:
        gw = gmean(wratios)
        tail += ", wasm/CPython: %s" % ("%.3f" % gw if gw else "n/a")
    print(tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
