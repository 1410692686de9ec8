#!/usr/bin/env python3
"""Differential test runner for micropython-rs.

Runs every test (tests/**/*.py, see tests/README.md) with our binary and
compares stdout and exit code against the expected result: the ``.exp`` file
beside the test if present, else what CPython (python3) prints for the same
file in the same directory.

  python3 tests/run.py [-j N] [--binary PATH] [--mpy-oracle] [--list-failing]
                       [PATH|DIR|GLOB ...]

Tests listed in tests/xfail.txt still run; a failure there is reported as
xfail (not counted as failed), a pass as xpass (counted as passed).
"""
import argparse
import difflib
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def load_xfail():
    p = os.path.join(common.TESTS, "xfail.txt")
    out = set()
    if os.path.exists(p):
        with open(p) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    out.add(line)
    return out


def expected(test):
    e = common.exp_path(test)
    if os.path.exists(e):
        with open(e, "rb") as f:
            return f.read(), common.directives(os.path.join(common.TESTS, test))["exit"]
    out, rc, _ = common.run_cpython(test)
    return out, rc


def check(test, args):
    exp_out, exp_rc = expected(test)
    if args.mpy_oracle:
        out, rc, err = common.run_oracle(test)
    else:
        out, rc, err = common.run_binary(test, args.binary)
    ok = out == exp_out and rc == exp_rc
    return test, ok, (exp_out, exp_rc, out, rc, err)


def short_diff(info, limit=20):
    exp_out, exp_rc, out, rc, err = info
    lines = []
    if rc != exp_rc:
        lines.append("exit code %r, expected %r" % (rc, exp_rc))
    d = list(difflib.unified_diff(
        exp_out.decode("utf-8", "replace").splitlines(),
        out.decode("utf-8", "replace").splitlines(),
        "expected", "got", lineterm="", n=1))
    lines += d[:limit]
    if len(d) > limit:
        lines.append("... (%d more diff lines)" % (len(d) - limit))
    if err and (rc != exp_rc or not d):
        e = err.decode("utf-8", "replace").splitlines()
        # A Rust panic: show its message and the top of the backtrace too.
        p = next((i for i, x in enumerate(e) if "panicked at" in x), None)
        if p is not None and p < len(e) - 5:
            lines += ["stderr: " + x for x in e[p:p + 12]] + ["stderr: ..."]
        lines += ["stderr: " + x for x in e[-5:]]
    return "\n".join("    " + x for x in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="tests, directories or globs")
    ap.add_argument("--binary", default=os.path.join(common.REPO, "target", "release", "micropython"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--mpy-oracle", action="store_true",
                    help="run the official MicroPython wasm build instead of our binary")
    ap.add_argument("--list-failing", action="store_true",
                    help="print only the paths of failing tests (xfail included)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every result")
    args = ap.parse_args()
    if not args.mpy_oracle:
        args.binary = os.path.abspath(args.binary)
        if not os.path.exists(args.binary):
            print("binary not found: %s (build it or use --binary/--mpy-oracle)" % args.binary)
            return 2

    tests = common.find_tests(args.paths)
    xfail = load_xfail()
    passed = failed = xfailed = xpassed = 0
    failing = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for test, ok, info in ex.map(lambda t: check(t, args), tests):
            in_x = test in xfail
            if not ok:
                failing.append(test)
            if args.list_failing:
                continue
            if ok and in_x:
                xpassed += 1
                passed += 1
                print("xpass %s (remove it from tests/xfail.txt)" % test)
            elif ok:
                passed += 1
                if args.verbose:
                    print("pass  %s" % test)
            elif in_x:
                xfailed += 1
                if args.verbose:
                    print("xfail %s" % test)
            else:
                failed += 1
                print("FAIL  %s" % test)
                print(short_diff(info))
            sys.stdout.flush()
    if args.list_failing:
        for t in failing:
            print(t)
        return 1 if failing else 0
    summary = "%d passed, %d failed" % (passed, failed)
    if xfailed:
        summary += ", %d xfailed" % xfailed
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
