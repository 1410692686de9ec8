# skip-test
"""Firmware regressions: memory after repeated soft resets, the fault
recovery with a small arena.

    python3 tests/firmware/test_soft_reset.py [-v]

- netduinoplus2, default 116 KiB heap: four rounds of filling the heap
  until MemoryError, dropping the list, then Ctrl-D. After each fill a
  collection gives the whole heap back (no stale word pins the list; it
  used to, after every other soft reset, through padding bytes of the Vm
  the collector scanned), and gc.mem_free() right after each soft reset
  is the same every time.
- mps2-an386 with MPY_ARENASIZE=64K (and the tests' 256 KiB heap): the
  HardFault recovery test, then the compiler MemoryError and the REPL
  still work (it was reported to stop answering after the faults).

Ends with "soft reset: N passed, N failed".
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from board import REPO, Board, firmware  # noqa: E402
from run import Checks, check_compile_memory, check_faults, check_repl, expect  # noqa: E402

FILL = ("n = 0\nl = []\ntry:\n    while True:\n        l.append(str(len(l)))\n"
        "except MemoryError:\n    n = len(l)\n    l = None\n    print('MemoryError', n > 100)\n")
FREE = "import gc; gc.collect(); print(gc.mem_free())"


def check_resets(b):
    b.wait_banner()
    fresh = b.friendly(FREE)
    after_fill = None
    for i in range(4):
        out = b.paste(FILL, timeout=120)
        expect(out == "MemoryError True\n", "round %d: filling gave %r" % (i, out))
        out = b.friendly(FREE, timeout=60)
        expect("MemoryError" not in out, "round %d: the dropped list stayed alive: %r" % (i, out))
        after_fill = after_fill or out
        expect(out == after_fill, "round %d: mem_free after the fill %r, first %r" % (i, out, after_fill))
        b.soft_reset()
        out = b.friendly(FREE)
        expect(out == fresh, "round %d: mem_free after soft reset %r, at boot %r" % (i, out, fresh))


def build_arena64():
    env = dict(os.environ, MPY_HEAPSIZE="256K", MPY_ARENASIZE="64K")
    env.pop("MPY_FROZEN_MANIFEST", None)
    out = subprocess.run(["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", "mps2-an386"],
                         cwd=REPO, env=env, check=True, stdout=subprocess.PIPE)
    return os.path.join(REPO, out.stdout.decode().strip().splitlines()[-1])


def check_small_arena(b):
    b.wait_banner()
    for _ in range(2):
        check_faults(b)
    check_compile_memory(b)
    check_repl(b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    checks = Checks(args.verbose)
    with Board("netduinoplus2", firmware("netduinoplus2")) as b:
        checks.run("netduinoplus2 memory across fills and soft resets", check_resets, b)
    with Board("mps2-an386", build_arena64(), gdb=True) as b:
        checks.run("mps2-an386 64 KiB arena fault recovery", check_small_arena, b)
    print("soft reset: %d passed, %d failed" % (checks.passed, len(checks.failed)))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
