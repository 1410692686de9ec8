#!/usr/bin/env python3
"""Firmware benchmark (not a test): image sizes and boot cost of the QEMU
boards, beside official MicroPython's.

  python3 bench/firmware_size.py [--board B]... [--no-vm-only] [--no-boot]

Builds each board's image with the compiler and the VM-only one
(tools/firmware.sh, profile `firmware`: opt-level z, fat LTO, panic=abort)
and prints their sizes as `size` does: text (code and read-only data in
flash), data (initialised RAM, also stored in flash), bss (zeroed RAM) and
the heap region (in `.uninit`, not zeroed), with text+data beside
official's 196,308 B for mps2-an386 (shared/spec/boards.md).

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


def build(board, vm_only, heap=None):
    cmd = ["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", board]
    if vm_only:
        cmd.append("--no-compiler")
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
        wfi = set()
        n = 0
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("0x"):
                    if " wfi" in line:
                        wfi.add(int(line.split(":", 1)[0], 16))
                elif line.startswith("Trace"):
                    pc = int(line.split("[", 1)[1].split("/")[1], 16)
                    if pc in wfi:
                        return n, prompt
                    n += 1
        return None, prompt


def kib(n):
    return "%.1f KiB" % (n / 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=BOARDS)
    ap.add_argument("--no-vm-only", action="store_true", help="skip the VM-only images (a second core build)")
    ap.add_argument("--no-boot", action="store_true", help="skip the boot instruction counts")
    ap.add_argument("--heap", action="append", default=[],
                    help="also count the boot with this gc heap size (MPY_HEAPSIZE), e.g. 16K")
    args = ap.parse_args()
    boards = args.board or BOARDS
    rows = []
    for board in boards:
        for vm_only in ([False] if args.no_vm_only else [False, True]):
            elf = build(board, vm_only)
            rows.append((board, "VM only" if vm_only else "compiler", elf) + sizes(elf))
    print("Firmware sizes (bytes; text+data is what flash holds)")
    print("%-14s %-9s %9s %7s %7s %10s %10s %9s %10s" % (
        "board", "build", "text", "data", "bss", "uninit", "text+data", "KiB", "/official"))
    for board, build_kind, _elf, text, data, bss, heap in rows:
        td = text + data
        print("%-14s %-9s %9d %7d %7d %10d %10d %9.1f %9.2fx" % (
            board, build_kind, text, data, bss, heap, td, td / 1024, td / OFFICIAL_TEXT))
    print("%-14s %-9s %9d %7s %7s %10d %10d %9.1f %9.2fx" % (
        "official", "mps2-an386", OFFICIAL_TEXT, "", "", 140 * 1024, OFFICIAL_TEXT, OFFICIAL_TEXT / 1024, 1.0))
    if args.no_boot:
        return 0
    print()
    print("Boot: instructions from reset to waiting at the first >>> (QEMU -singlestep -icount)")
    print("%-14s %-9s %12s %10s" % ("board", "build", "instructions", "/official"))
    boots = [(board, kind, elf) for board, kind, elf, *_ in rows if kind == "compiler"]
    for heap in args.heap:
        for board in boards:
            boots.append((board, "heap " + heap, build(board, False, heap)))
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
