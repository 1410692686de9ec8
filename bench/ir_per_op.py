#!/usr/bin/env python3
"""Benchmark (not a test): callgrind instructions per executed opcode for
each program in tests/programs.

Each program runs at two small scales under callgrind on a build with the
`opcode-stats` feature, which prints `opcodes executed: N` to stderr at
exit. The figure is (Ir(big) - Ir(small)) / (ops(big) - ops(small)): the
difference removes start-up and compilation, leaving the cost of the
opcodes themselves and of everything they call (built-ins, allocation,
gc). Instruction counts are repeatable on a loaded machine, unlike times.

  cargo build --profile profiling -p micropython-unix --features opcode-stats
  python3 bench/ir_per_op.py [--binary PATH | --pgo] [--compare NAME=PATH ...] [-j N] [NAME ...]

`--pgo` measures the profile-guided build of the same profile and features
(`sh tools/pgo.sh --profile profiling --features opcode-stats` builds it).

`--compare` adds a column of Ir/opcode for another binary (any build, e.g.
an older commit's profiling build, or one without the counter), using the
opcode counts of `--binary` (the compiler is the same, so the programs
execute the same opcodes). The counter itself costs about 1 Ir per opcode.
"""
import argparse
import concurrent.futures
import math
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(REPO, "tests", "programs")

# (small, big) scale per program: a few seconds each under callgrind.
SCALES = {
    "calc.py": (5, 20),
    "ecosystem.py": (10, 40),
    "fannkuch.py": (6, 7),
    "fft.py": (7, 9),
    "life.py": (10, 40),
    "nqueens.py": (5, 6),
    "pidigits.py": (50, 200),
    "pipeline.py": (500, 2000),
    "raytrace.py": (20, 40),
    "scheduler.py": (500, 2000),
    "wordfreq.py": (1000, 4000),
}


def default_binary():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    return os.path.join(target, "profiling", "micropython")


# Where tools/pgo.sh --profile profiling --features opcode-stats puts its binary.
PGO_BINARY = os.path.join(REPO, "target", "pgo", "profiling-opcode-stats", "micropython")


def run_ops(binary, prog, scale, heap):
    p = subprocess.run([binary, "-X", "heapsize=" + heap, prog, str(scale)], cwd=PROGRAMS,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"opcodes executed: (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise RuntimeError("%s %s %s: no opcode count (build with --features opcode-stats)\n%s"
                           % (binary, prog, scale, p.stderr[-500:]))
    return int(m.group(1))


# The dispatch loop's own function (its self cost, inlined code included).
LOOP_FN = re.compile(r"vm::dispatch::(execute|run_until_caught)(.\d+)?$")


def run_ir(binary, prog, scale, heap):
    """(total Ir, Ir spent in the dispatch loop function itself)."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                            binary, "-X", "heapsize=" + heap, prog, str(scale)], cwd=PROGRAMS,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Collected : (\d+)", p.stderr)
        if p.returncode != 0 or not m:
            raise RuntimeError("callgrind failed: %s %s %s\n%s" % (binary, prog, scale, p.stderr[-500:]))
        ann = subprocess.run(["callgrind_annotate", "--threshold=100", "--auto=no", out],
                             stdout=subprocess.PIPE, text=True).stdout
        loop = 0
        for line in ann.splitlines():
            f = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?\S.*?:(\S+)(?: \[.*\])?$", line)
            if f and LOOP_FN.search(f.group(2)):
                loop += int(f.group(1).replace(",", ""))
        return int(m.group(1)), loop


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="program names (default: all)")
    ap.add_argument("--binary", default=default_binary(),
                    help="build with the opcode-stats feature (default: $CARGO_TARGET_DIR/profiling/micropython)")
    ap.add_argument("--pgo", action="store_true",
                    help="measure tools/pgo.sh's profiling build (" + os.path.relpath(PGO_BINARY, REPO) + ")")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=PATH",
                    help="another binary to measure (Ir only)")
    ap.add_argument("--heapsize", default="8M")
    ap.add_argument("-j", type=int, default=1, help="callgrind runs in parallel")
    args = ap.parse_args()
    names = [n if n.endswith(".py") else n + ".py" for n in args.names] or sorted(SCALES)
    bins = [("ours", os.path.abspath(PGO_BINARY if args.pgo else args.binary))]
    for c in args.compare:
        name, _, path = c.partition("=")
        bins.append((name, os.path.abspath(path)))

    ops = {}
    for n in names:
        s1, s2 = SCALES[n]
        ops[n] = (run_ops(bins[0][1], n, s1, args.heapsize), run_ops(bins[0][1], n, s2, args.heapsize))
    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as ex:
        for n in names:
            for bname, b in bins:
                for s in SCALES[n]:
                    jobs[(n, bname, s)] = ex.submit(run_ir, b, n, s, args.heapsize)
        irs = {k: f.result() for k, f in jobs.items()}

    cols = [b for b, _ in bins]
    print("Ir/op: all instructions per opcode; loop: those in the dispatch loop function itself")
    print("%-14s %10s" % ("program", "opcodes")
          + "".join(" %10s %6s" % (("Ir/op " + c)[-10:], "loop") for c in cols))
    logs = {c: ([], []) for c in cols}
    for n in names:
        s1, s2 = SCALES[n]
        dops = max(ops[n][1] - ops[n][0], 1)
        row = "%-14s %10d" % (n[:-3], dops)
        for c in cols:
            (a1, l1), (a2, l2) = irs[(n, c, s1)], irs[(n, c, s2)]
            v, lv = (a2 - a1) / dops, (l2 - l1) / dops
            logs[c][0].append(math.log(max(v, 1e-9)))
            logs[c][1].append(math.log(max(lv, 1e-9)))
            row += " %10.1f %6.1f" % (v, lv)
        print(row)
    g = lambda l: math.exp(sum(l) / len(l))
    print("%-14s %10s" % ("geomean", "") + "".join(" %10.1f %6.1f" % (g(a), g(b)) for a, b in logs.values()))


if __name__ == "__main__":
    sys.exit(main())
