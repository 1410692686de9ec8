#!/usr/bin/env python3
"""Checks a build with a smaller module preset (cargo feature `minimal` or
`basic`, see crates/mpy-core/Cargo.toml) against the corpus.

  python3 tests/preset_check.py --binary PATH --preset minimal|basic [PATH...]

Runs the corpus (default: every folder but programs/) on the binary; a test
may fail only because it imports a module the preset leaves out (its
output then ends in `ImportError: no module named 'NAME'`, NAME one of the
left-out modules), or because it uses a built-in feature the preset
leaves out (FEATURES_LEFT_OUT: its output ends in that feature's exact
error, e.g. `AttributeError: 'str' object has no attribute 'center'`, and
its source uses the name), or, in presets without big ints (no cargo
feature `bigint`: `minimal`), because an int left the small-int range (an
uncaught `OverflowError: small int overflow`, `OverflowError: long int not
supported in this build` or `ValueError: float too big`, as official's
MICROPY_LONGINT_IMPL_NONE) after printing what it should up to there,
or, in presets without floats (no cargo feature `float`: `minimal`, as
official's MICROPY_PY_BUILTINS_FLOAT=0), because it uses floats
(FEATURES_NO_FLOAT: `SyntaxError: decimal numbers not supported` for a
float or imaginary literal on the line the traceback names, or, after
printing what it should up to there, the TypeError of `int / int`, the
NameError of `float`, the ValueError of a negative power or of a float
format code); a test that catches such an error and goes on may differ
from its expected output only in lines that carry one of those messages
(and the source must use the feature).
Any other failure, or fewer passes than --min-pass, fails the check. Then
the preset's own programs, tests/_preset/PRESET/*.py, must print their .exp
file exactly. Prints "N passed, N failed for missing modules or features".
"""
import argparse
import os
import re
import subprocess
import sys

import common

# Modules each preset leaves out (the `full` preset has them all).
LEFT_OUT = {
    "basic": ["math", "cmath", "hashlib", "json", "random", "select"],
}
# `minimal` (official's CORE level) also has no `os`, no VFS (`vfs`) and
# no `open` (cargo feature `os`).
LEFT_OUT["minimal"] = LEFT_OUT["basic"] + ["collections", "io", "struct", "time", "os", "vfs"]

# The errors of builds without big ints (presets without feature `bigint`).
NO_BIGINT = [b"OverflowError: small int overflow", b"OverflowError: long int not supported in this build",
             b"ValueError: float too big"]
NO_BIGINT_PRESETS = ["minimal"]

# Presets without floats (no cargo feature `float`).
NO_FLOAT_PRESETS = ["minimal"]

# A float or imaginary literal in source (`1.5`, `.5`, `1e3`, `2j`), not
# part of a name or a hex literal.
FLOAT_LITERAL = rb"(?<![\w.])(?:\d[\d_]*\.(?![a-zA-Z_])|\d[\d_]*\.\d|\.\d|\d[\d_]*(?:\.\d*)?[eE][-+]?\d|\d[\d_]*[jJ]\b)"

def _attrs(*names):
    """The AttributeError of a left-out method (on an instance or a type)."""
    return re.compile(rb"^AttributeError: (?:'\w+' object|type object '\w+') has no attribute '(%s)'$"
                      % "|".join(names).encode())


def _name(name):
    """The NameError of a left-out builtin."""
    return re.compile(rb"^NameError: name '(%s)' isn't defined$" % name.encode())


# Built-in features (mpy-core cargo features) the `basic` preset leaves
# out: official's EXTRA-level ones. Each: (feature, last output line
# (regex; a name it captures must appear in the source), source regex).
FEATURES_BASIC = [
    ("str-center", _attrs("center"), rb"\.center\b"),
    ("str-partition", _attrs("partition", "rpartition"), rb"partition\b"),
    ("str-splitlines", _attrs("splitlines"), rb"\.splitlines\b"),
    ("bytes-hex", _attrs("hex", "fromhex"), rb"\.(from)?hex\b"),
    ("memoryview", _name("memoryview"), rb"\bmemoryview\b"),
    ("round-int", re.compile(rb"^NotImplementedError:?$"), rb"\bround\("),
    ("pow3", re.compile(rb"^NotImplementedError: 3-arg pow\(\) not supported$"), rb"\bpow\("),
    ("builtin-compile", _name("compile"), rb"\bcompile\("),
    ("builtin-help", _name("help"), rb"\bhelp\("),
    ("builtin-input", _name("input"), rb"\binput\("),
    ("mem-info", _attrs("mem_info", "qstr_info", "stack_use"), rb"\b(mem_info|qstr_info|stack_use)\b"),
]
# Floats left out (official's MICROPY_PY_BUILTINS_FLOAT=0): the error
# (regex) and the source regex of each use. The literal's SyntaxError
# must name a line with a float literal (see `literal_line_ok`).
FEATURES_NO_FLOAT = [
    ("float", re.compile(rb"^SyntaxError: decimal numbers not supported$"), FLOAT_LITERAL),
    ("float", re.compile(rb"^TypeError: unsupported types for __truediv__: 'int', 'int'$"), rb"(?<!/)/(?!/)"),
    ("float", _name("float"), rb"\bfloat\b"),
    ("float", re.compile(rb"^ValueError: negative power with no float support$"), rb"\*\*|\bpow\("),
    ("float", re.compile(rb"^ValueError: unknown format code '[eEfFgG%]' for object of type '(?:int|bool)'$"),
     rb"[:{][^'\"}]*[eEfFgG%]\}|format\("),
    ("float", re.compile(rb"^ValueError: unsupported format character '[eEfFgG]' \(0x[0-9a-f]+\) at index \d+$"),
     rb"%[-+ #0-9.*]*[eEfFgG]"),
]
FEATURES_LEFT_OUT = {
    "basic": FEATURES_BASIC,
    "minimal": FEATURES_BASIC + FEATURES_NO_FLOAT + [
        ("complex", _name("complex"), rb"\bcomplex\b"),
        ("os", _name("open"), rb"\bopen\("),
    ],
}

# The messages of FEATURES_NO_FLOAT's errors, as a test that catches one
# prints it (any prefix: `ValueError:`, `ValueError`, ...).
NO_FLOAT_MESSAGES = re.compile(rb"(decimal numbers not supported|unsupported types for __truediv__: 'int', 'int'"
                               rb"|name 'float' isn't defined|negative power with no float support"
                               rb"|unknown format code '[eEfFgG%]' for object of type '(?:int|bool)'"
                               rb"|unsupported format character '[eEfFgG]' \(0x[0-9a-f]+\) at index \d+)$")

# Tests that probe for a left-out feature themselves (hasattr, try) and so
# print differently without it instead of failing with its error.
PROBING = {"types/bytes_basic.py": "bytes-hex", "bad_input/deep_nesting_compile.py": "builtin-compile"}


def missing_feature(preset, tail, src):
    """The left-out feature a failing test's last output line `tail` shows
    it used (None if it shows none)."""
    for feature, line, use in FEATURES_LEFT_OUT[preset]:
        m = line.match(tail.strip())
        if m and re.search(use, src) and all(g in src for g in m.groups() if g):
            return feature
    return None


def expected(t):
    """Test `t`'s expected output (its .exp file, else CPython's)."""
    e = common.exp_path(t)
    if os.path.exists(e):
        with open(e, "rb") as f:
            return f.read()
    return common.run_cpython(t)[0]


def printed_ok(t, out):
    """Whether what `t` printed before its uncaught error is right."""
    i = out.rfind(b"Traceback (most recent call last):")
    printed = out[:i] if i >= 0 else out[:out.rstrip().rfind(b"\n") + 1]
    return expected(t).startswith(printed)


def literal_line_ok(t, out, src):
    """For `SyntaxError: decimal numbers not supported`: the line of `t`
    the traceback names has a float literal (a compile of other text, as
    `exec`, only needs one somewhere in the source)."""
    m = re.findall(rb'File "([^"]*)", line (\d+)', out)
    if not m or os.path.basename(m[-1][0].decode()) != os.path.basename(t):
        return re.search(FLOAT_LITERAL, src) is not None
    lines = src.splitlines()
    n = int(m[-1][1])
    return 0 < n <= len(lines) and re.search(FLOAT_LITERAL, lines[n - 1]) is not None


def float_lines_only(t, out, src):
    """Whether `t`'s output differs from the expected one only in lines
    that carry a no-float error message (caught and printed by the test),
    each for a feature its source uses."""
    got, want = out.splitlines(), expected(t).splitlines()
    if len(got) != len(want):
        return False
    diff = [g for g, w in zip(got, want) if g != w]
    for g in diff:
        m = NO_FLOAT_MESSAGES.search(g)
        if not m or missing_feature_text(m.group(1), src) is None:
            return False
    return bool(diff)


def missing_feature_text(msg, src):
    """The no-float feature whose error message is `msg`, if `src` uses it."""
    for feature, line, use in FEATURES_NO_FLOAT:
        for prefix in (b"SyntaxError: ", b"TypeError: ", b"NameError: ", b"ValueError: "):
            if line.match(prefix + msg) and re.search(use, src):
                return feature
    return None


DIRS = ["basics", "bad_input", "builtins", "errors", "import", "memory", "modules", "types"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--preset", required=True, choices=sorted(LEFT_OUT))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--min-pass", type=int, default=100, help="fewest passing tests accepted")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    paths = args.paths or [os.path.join(common.TESTS, d) for d in DIRS]
    tests = common.find_tests(paths)
    p = subprocess.run([sys.executable, os.path.join(common.TESTS, "run.py"), "--list-failing", "-j",
                        str(args.jobs), "--binary", binary] + paths, stdout=subprocess.PIPE)
    failing = p.stdout.decode().split()
    marks = [("ImportError: no module named '%s'" % m).encode() for m in LEFT_OUT[args.preset]]
    if args.preset in NO_BIGINT_PRESETS:
        marks += NO_BIGINT
    bad = []
    for t in failing:
        out, _code, err = common.run_binary(t, binary)
        tail = (out + err).rstrip().splitlines()[-1:] or [b""]
        ok = any(m in tail[0] for m in marks)
        if ok and any(m in tail[0] for m in NO_BIGINT):
            # What it printed before the overflow must be right.
            ok = printed_ok(t, out)
        with open(os.path.join(common.TESTS, t), "rb") as f:
            src = f.read()
        if not ok:
            feature = missing_feature(args.preset, tail[0], src)
            ok = feature is not None
            if feature == "float":
                # Printed right up to the error; a literal's SyntaxError
                # names a line with one.
                ok = printed_ok(t, out) and (b"decimal numbers" not in tail[0] or literal_line_ok(t, out + err, src))
        if not ok and args.preset in NO_FLOAT_PRESETS:
            ok = float_lines_only(t, out, src)
        if not ok and PROBING.get(t) in {f for f, _, _ in FEATURES_LEFT_OUT[args.preset]}:
            ok = True
        if not ok:
            bad.append(t)
            print("FAIL  %s (not a missing module or feature): %r" % (t, b"\n".join((out + err).splitlines()[-3:])))
    passed = len(tests) - len(failing)
    print("%d passed, %d failed for missing modules or features%s%s" % (
        passed, len(failing) - len(bad), " or small ints" if args.preset in NO_BIGINT_PRESETS else "",
        " or floats" if args.preset in NO_FLOAT_PRESETS else ""))
    own = os.path.join(common.TESTS, "_preset", args.preset)
    for name in sorted(os.listdir(own)) if os.path.isdir(own) else []:
        if name.endswith(".py"):
            t = os.path.join(own, name)
            out, code, err = common.run_binary(t, binary)
            with open(t[:-3] + ".exp", "rb") as f:
                ok = out == f.read() and code == 0
            print("%s  %s" % ("pass" if ok else "FAIL", os.path.relpath(t, common.TESTS)))
            if not ok:
                bad.append(t)
    if bad or passed < args.min_pass:
        if passed < args.min_pass:
            print("only %d passed (want >= %d)" % (passed, args.min_pass))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
