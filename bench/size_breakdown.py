#!/usr/bin/env python3
"""Benchmark helper (not a test): flash bytes of a firmware ELF grouped by
the demangled Rust path of each symbol, to see where an image's size goes.

    python3 bench/size_breakdown.py ELF [DEPTH] [PREFIX]

DEPTH is how many path segments form a group (1: crate, 2: module, ...;
default 2); PREFIX keeps only groups starting with it (e.g. `mpy_core`).
Counts text, rodata and data symbols (`arm-none-eabi-nm -C -S`); code that
LLVM inlined is counted in the function it was inlined into; C symbols
(littlefs) and outlined fragments are listed under their own names.
Prints the 60 biggest groups and the total.
"""
import collections
import re
import subprocess
import sys


def group_key(name, depth):
    """The first `depth` segments of a demangled symbol's path."""
    name = re.sub(r"^<(.*?) as .*?>", r"\1", name)
    if name.startswith("<"):
        name = name[1:].replace(">::", "::", 1)
    for _ in range(2):
        name = re.sub(r"<[^<>]*>", "", name)
    path = name.split("::")
    return "::".join(path[:depth]) if len(path) > 1 else "(c) " + name[:40]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    elf = sys.argv[1]
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    prefix = sys.argv[3] if len(sys.argv) > 3 else None
    out = subprocess.run(["arm-none-eabi-nm", "-C", "-S", "--size-sort", elf],
                         capture_output=True, text=True, check=True).stdout
    groups = collections.Counter()
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[2].lower() not in "trd":
            continue
        key = group_key(parts[3], depth)
        if prefix and not key.startswith(prefix):
            continue
        groups[key] += int(parts[1], 16)
    for key, size in groups.most_common(60):
        print("%8d %s" % (size, key))
    print("%8d total" % sum(groups.values()))


if __name__ == "__main__":
    main()
