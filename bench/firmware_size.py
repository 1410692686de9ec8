#!/usr/bin/env python3
"""Firmware benchmark (not a test): image sizes and boot cost of the QEMU
boards, beside official MicroPython's.

  python3 bench/firmware_size.py [--board B]... [--no-vm-only] [--no-boot]
  python3 bench/firmware_size.py --check bench/size_budget.txt

Builds each board's images (tools/firmware.sh, profile `firmware`:
opt-level z, fat LTO, panic=abort): with the compiler, VM-only (both with
every module and builtin feature: preset `full`), and both again with the
`basic` preset (official's BASIC feature level) and the `minimal` one (no
optional modules, no complex, none of official's EXTRA-level builtin
features: mpy-core's Cargo.toml), and prints their sizes as `size` does: text (code and read-only data in
flash), data (initialised RAM, also stored in flash), bss (zeroed RAM) and
the heap region (in `.uninit`, not zeroed), with text+data beside
official's 196,308 B for mps2-an386 (shared/spec/boards.md) and the goals
of issue 9 (256 KiB with the compiler, 128 KiB VM-only).

--check FILE (CI, tools/test.sh) builds only the images FILE lists
(`board build bytes` lines; build = compiler, vm, compiler-basic,
vm-basic, compiler-minimal or vm-minimal), skips the
boot counts, and fails when an image's text+data exceeds its budget: a
ratchet, so set a budget to the new size (+ ~1%) when an image shrinks.

Boot cost: QEMU runs the image one instruction per translation block
(`-singlestep`, `-icount shift=0` so the SysTick period is in instructions)
logging every executed instruction (`-d in_asm,exec,nochain`); the count
is taken from reset to the first `wfi`, which the firmware executes only
once it waits for input after printing the first `>>> ` (checked on the
serial output). Official: ~150,300 instructions, 144,000 of them zeroing
its 140 KiB heap; the goal is <= 25,000.

Record (text+data with the compiler / VM-only; boot instructions):
  first core (slot arena on the global allocator): 480 / 393 KiB; ~11,000
  one-region core: 522.4 / 411.5 KiB; netduinoplus2 15,300 (116 KiB
  heap), mps2-an386 45,425 (3,568 KiB heap: its allocation table),
  14,189-14,386 at a 16 KiB heap
  lazily cleared allocation table: netduinoplus2 18,983, mps2-an386
  19,120 (both default heaps)
  sizecore (no core::fmt in faults, i64/u64 date and random arithmetic,
  smaller qstr tables, one heapsort): 497.2 / 402.2 KiB, VM-only with the
  minimal module preset 346.0 KiB
  -Zbuild-std: netduinoplus2 27,492, mps2-an386 27,532 (Vm and Repl
  moved by value); Vm built in place, Repl on the stack, 16-entry board
  caches, repr(C) line editor: 17,712 / 17,752
  ROM-level features (the minimal preset drops complex and official's
  EXTRA-level builtins): netduinoplus2 minimal 273,656 with the compiler,
  214,040 VM-only (224,792 before)

Soft reset (Ctrl-D) counts, and which functions spend the boot:
bench/boot_profile.py.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOARDS = ["netduinoplus2", "mps2-an386"]
OFFICIAL_TEXT = 196308
OFFICIAL_BOOT = 150300

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
SHT_NOBITS = 8


# Image kinds: name -> tools/firmware.sh options.
BUILDS = {
    "compiler": [],
    "vm": ["--no-compiler"],
    "compiler-basic": ["--preset", "basic"],
    "vm-basic": ["--no-compiler", "--preset", "basic"],
    "compiler-minimal": ["--preset", "minimal"],
    "vm-minimal": ["--no-compiler", "--preset", "minimal"],
}
# Issue 9's goals for text+data (bytes), by image kind.
GOALS = {kind: (128 if kind.startswith("vm") else 256) * 1024 for kind in BUILDS}


def build(board, kind, heap=None):
    cmd = ["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", board] + BUILDS[kind]
    env = dict(os.environ)
    env.pop("MPY_HEAPSIZE", None)
    if heap:
        env["MPY_HEAPSIZE"] = heap
    out = subprocess.run(cmd, cwd=REPO, env=env, check=True, stdout=subprocess.PIPE)
    return os.path.join(REPO, out.stdout.decode().strip().splitlines()[-1])


def sections(path):
    """(name, type, flags, size) of each section of a 32-bit ELF file."""
    with open(path, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or elf[4] != 1:
        raise ValueError("%s: not a 32-bit ELF file" % path)
    shoff, = struct.unpack_from("<I", elf, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x2E)
    heads = [struct.unpack_from("<IIIIIIIIII", elf, shoff + i * shentsize) for i in range(shnum)]
    stroff = heads[shstrndx][4]

    def name(off):
        end = elf.index(b"\0", stroff + off)
        return elf[stroff + off:end].decode()

    return [(name(h[0]), h[1], h[2], h[5]) for h in heads]


def sizes(path):
    """text, data, bss, heap region (bytes), as `size` counts them."""
    text = data = bss = heap = 0
    for name, typ, flags, size in sections(path):
        if not flags & SHF_ALLOC:
            continue
        if name == ".uninit":
            heap += size
        elif typ == SHT_NOBITS:
            bss += size
        elif flags & SHF_WRITE:
            data += size
        else:
            text += size
    return text, data, bss, heap


def boot_instructions(board, elf):
    """Instructions from reset to the first wait for input, and whether the
    prompt had been printed by then."""
    machine = board
    with tempfile.TemporaryDirectory() as tmp:
        log, ser = os.path.join(tmp, "exec.log"), os.path.join(tmp, "serial.txt")
        cmd = ["qemu-system-arm", "-M", machine, "-display", "none", "-monitor", "none",
               "-serial", "file:" + ser, "-icount", "shift=0", "-singlestep",
               "-d", "in_asm,exec,nochain", "-D", log, "-kernel", elf]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # Wait until the prompt is out, then a little longer for the wfi.
            for _ in range(300):
                try:
                    p.wait(0.1)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if os.path.exists(ser) and b">>> " in open(ser, "rb").read():
                    try:
                        p.wait(0.5)
                    except subprocess.TimeoutExpired:
                        pass
                    break
        finally:
            p.terminate()
            p.wait()
        prompt = os.path.exists(ser) and b">>> " in open(ser, "rb").read()
        n = 0
        for pc, is_wfi in executed_pcs(log):
            if is_wfi:
                return n, prompt
            n += 1
        return None, prompt


def executed_pcs(log):
    """Yields `(pc, is_wfi)` for each instruction a QEMU `-singlestep -d
    in_asm,exec,nochain` log shows executed, in order; `is_wfi` marks a
    `wfi` (the board waiting for input, e.g. at the `>>> ` prompt)."""
    wfi = set()
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("0x"):
                if " wfi" in line:
                    wfi.add(int(line.split(":", 1)[0], 16))
            elif line.startswith("Trace"):
                pc = int(line.split("[", 1)[1].split("/")[1], 16)
                yield pc, pc in wfi


def read_budget(path):
    """{(board, kind): bytes} from a budget file (`#` starts a comment)."""
    budget = {}
    with open(path) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                board, kind, n = words
                if board not in BOARDS or kind not in BUILDS:
                    raise ValueError("%s: unknown board or build in %r" % (path, line))
                budget[(board, kind)] = int(n)
    return budget


def kib(n):
    return "%.1f KiB" % (n / 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=BOARDS)
    ap.add_argument("--no-vm-only", action="store_true", help="skip the VM-only images (more core builds)")
    ap.add_argument("--no-boot", action="store_true", help="skip the boot instruction counts")
    ap.add_argument("--heap", action="append", default=[],
                    help="also count the boot with this gc heap size (MPY_HEAPSIZE), e.g. 16K")
    ap.add_argument("--check", metavar="FILE", help="fail when an image outgrows its budget in FILE")
    args = ap.parse_args()
    boards = args.board or BOARDS
    budget = read_budget(args.check) if args.check else {}
    if args.check:
        args.no_boot = True
        todo = [bk for bk in budget if bk[0] in boards]
    else:
        kinds = [k for k in BUILDS if not (args.no_vm_only and k.startswith("vm"))]
        todo = [(b, k) for b in boards for k in kinds]
    rows = []
    for board, kind in todo:
        elf = build(board, kind)
        rows.append((board, kind, elf) + sizes(elf))
    print("Firmware sizes (bytes; text+data is what flash holds; goal: issue 9)")
    print("%-14s %-16s %8s %6s %7s %9s %10s %8s %9s %8s %8s" % (
        "board", "build", "text", "data", "bss", "uninit", "text+data", "KiB", "/official", "goal KiB", "budget"))
    over = []
    for board, kind, _elf, text, data, bss, heap in rows:
        td = text + data
        b = budget.get((board, kind))
        print("%-14s %-16s %8d %6d %7d %9d %10d %8.1f %8.2fx %8d %8s" % (
            board, kind, text, data, bss, heap, td, td / 1024, td / OFFICIAL_TEXT, GOALS[kind] // 1024,
            "" if b is None else b))
        if b is not None and td > b:
            over.append("%s %s: %d B > budget %d B" % (board, kind, td, b))
    print("%-14s %-16s %8d %6s %7s %9d %10d %8.1f %8.2fx" % (
        "official", "mps2-an386", OFFICIAL_TEXT, "", "", 140 * 1024, OFFICIAL_TEXT, OFFICIAL_TEXT / 1024, 1.0))
    for o in over:
        print("OVER BUDGET: " + o)
    if args.check:
        if over:
            return 1
        print("firmware sizes within budget (%s)" % args.check)
    if args.no_boot:
        return 0
    print()
    print("Boot: instructions from reset to waiting at the first >>> (QEMU -singlestep -icount)")
    print("%-14s %-9s %12s %10s" % ("board", "build", "instructions", "/official"))
    boots = [(board, kind, elf) for board, kind, elf, *_ in rows if kind == "compiler"]
    for heap in args.heap:
        for board in boards:
            boots.append((board, "heap " + heap, build(board, "compiler", heap)))
    for board, build_kind, elf in boots:
        n, prompt = boot_instructions(board, elf)
        if n is None or not prompt:
            print("%-14s %-9s %12s" % (board, build_kind, "no prompt"))
        else:
            print("%-14s %-9s %12d %9.2fx" % (board, build_kind, n, n / OFFICIAL_BOOT))
    print("%-14s %-9s %12d %9.2fx" % ("official", "mps2-an386", OFFICIAL_BOOT, 1.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
