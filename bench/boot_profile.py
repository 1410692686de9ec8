#!/usr/bin/env python3
"""Boot and soft-reset profile of a QEMU board (not a test): instructions
from reset to the first `>>> `, and of a soft reset (Ctrl-D), each with a
table of the functions that ran them.

  python3 bench/boot_profile.py [--board B]... [--no-compiler] [--elf ELF] [--top N]

How: QEMU runs the image one instruction per translation block
(`-singlestep`, `-icount shift=0`, so SysTick counts instructions) and
logs every executed instruction (`-d in_asm,exec,nochain`). The trace is
cut into segments at each executed `wfi` (the firmware waits for input
with `wfi` only once its prompt is out; a SysTick interrupt wakes it
briefly). Phases, as firmware_size.py counts them:

  boot          reset to the first wfi (the first prompt is out)
  soft reset    the segment holding the REPL's soft reset, after a
                power-on (no filesystem yet: no boot.py to look for)
  soft reset+fs the same once the filesystem exists (made by an
                `os.listdir()` typed at the prompt): boot.py is read
                (only a comment: not compiled)

Each executed PC is attributed to the ELF symbol holding it
(`arm-none-eabi-nm`); a table lists the top functions by instructions
(self, no callees). The copy/fill routines (memcpy, memset, memmove and
their `__aeabi_` entries) are also charged to the function that called
them (the last other function to run before entering them, skipping the
linker's `OUTLINED_FUNCTION_n` fragments), in a second table: that is
where large structures are moved or zeroed.

Debugging: BOOT_PROFILE_LOG=path keeps QEMU's log there;
BOOT_PROFILE_DEBUG=1 prints the sizes of all wfi-delimited segments.
"""
import argparse
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests", "firmware"))
from board import Board  # noqa: E402
from firmware_size import executed_pcs  # noqa: E402

BOARDS = ["netduinoplus2", "mps2-an386"]
# Seconds to let the board reach its wfi after a prompt.
SETTLE = 1.0
COPIERS = ("memcpy", "memset", "memmove", "memclr", "__aeabi_mem", "compiler_builtins::mem")


def build(board, vm_only):
    cmd = ["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", board]
    if vm_only:
        cmd.append("--no-compiler")
    env = dict(os.environ)
    for k in ("MPY_HEAPSIZE", "MPY_ARENASIZE", "MPY_FROZEN_MANIFEST", "MPY_FSSIZE"):
        env.pop(k, None)
    out = subprocess.run(cmd, cwd=REPO, env=env, check=True, stdout=subprocess.PIPE)
    return os.path.join(REPO, out.stdout.decode().strip().splitlines()[-1])


class Symbols:
    """Function symbols of an ELF: address -> name."""

    def __init__(self, elf):
        out = subprocess.run(["arm-none-eabi-nm", "-S", "-C", "--defined-only", elf],
                             check=True, stdout=subprocess.PIPE).stdout.decode("utf-8", "replace")
        syms = []
        for line in out.splitlines():
            parts = line.split(" ", 3)
            if len(parts) == 4 and parts[2] in "tTwW":
                addr, size, name = int(parts[0], 16) & ~1, int(parts[1], 16), parts[3]
                syms.append((addr, size, short(name)))
        syms.sort()
        self.starts = [s[0] for s in syms]
        self.syms = syms

    def name(self, pc):
        i = bisect.bisect_right(self.starts, pc) - 1
        if i >= 0:
            addr, size, name = self.syms[i]
            if pc < addr + max(size, 2):
                return name
        return "?%08x" % pc


def short(name):
    """A demangled name without its hash and with crate paths shortened."""
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    for prefix in ("mpy_cortex_m::", "mpy_core::", "mpy_repl::", "compiler_builtins::"):
        name = name.replace(prefix, "")
    return name


def is_copier(name):
    return any(c in name for c in COPIERS)


def trace_segments(log, syms):
    """[(count, Counter of self instructions by symbol, Counter of copier
    instructions by (copier, caller))], one per wfi-delimited segment."""
    segs = []
    counts, copies, n = collections.Counter(), collections.Counter(), 0
    caller = None
    for pc, is_wfi in executed_pcs(log):
        if is_wfi:
            segs.append((n, counts, copies))
            counts, copies, n = collections.Counter(), collections.Counter(), 0
            continue
        n += 1
        fn = syms.name(pc)
        counts[fn] += 1
        if is_copier(fn):
            copies[(fn, caller)] += 1
        elif not fn.startswith("OUTLINED_FUNCTION"):
            caller = fn
    segs.append((n, counts, copies))
    return segs


def profile(board, elf):
    """{phase: (instructions, Counter, copies Counter)}."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.environ.get("BOOT_PROFILE_LOG") or os.path.join(tmp, "exec.log")
        args = ["-icount", "shift=0", "-singlestep", "-d", "in_asm,exec,nochain", "-D", log]
        with Board(board, elf, extra_args=args) as b:
            # Each step waits for the board to reach its wfi first (input
            # already waiting would skip it, merging two phases).
            b.wait_banner(120)
            time.sleep(SETTLE)
            b.soft_reset(120)
            time.sleep(SETTLE)
            b.friendly("import os; os.listdir()", 120)
            time.sleep(SETTLE)
            b.soft_reset(120)
            time.sleep(SETTLE)
        syms = Symbols(elf)
        segs = trace_segments(log, syms)
    if os.environ.get("BOOT_PROFILE_DEBUG"):
        print([s[0] for s in segs if s[0] > 100])
    phases = {"boot": segs[0]}
    resets = [s for s in segs[1:] if any("new_vm" in k for k in s[1])]
    for name, seg in zip(["soft reset", "soft reset+fs"], resets):
        phases[name] = seg
    return phases


def table(title, counter, total, top):
    print("  %s" % title)
    for name, c in counter.most_common(top):
        if isinstance(name, tuple):
            name = "%s  <- %s" % name
        print("  %8d %5.1f%%  %s" % (c, 100.0 * c / total, name[:110]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=BOARDS)
    ap.add_argument("--no-compiler", action="store_true", help="profile the VM-only image")
    ap.add_argument("--elf", help="profile this image (one --board) instead of building")
    ap.add_argument("--top", type=int, default=25, help="rows per table")
    ap.add_argument("--phase", action="append", help="only these phases (boot, 'soft reset', 'soft reset+fs')")
    args = ap.parse_args()
    boards = args.board or BOARDS
    if args.elf and len(boards) != 1:
        ap.error("--elf needs exactly one --board")
    summary = []
    for board in boards:
        elf = args.elf or build(board, args.no_compiler)
        phases = profile(board, elf)
        for phase, (n, counts, copies) in phases.items():
            summary.append((board, phase, n))
            if args.phase and phase not in args.phase:
                continue
            print("== %s: %s: %d instructions" % (board, phase, n))
            table("top functions (self instructions)", counts, n, args.top)
            if copies:
                table("memcpy/memset by caller", copies, n, min(args.top, 12))
            print()
    print("%-14s %-14s %12s" % ("board", "phase", "instructions"))
    for board, phase, n in summary:
        print("%-14s %-14s %12d" % (board, phase, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
