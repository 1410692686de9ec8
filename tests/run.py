#!/usr/bin/env python3
"""Differential test runner for micropython-rs.

Runs every test (tests/**/*.py, see tests/README.md) with our binary and
compares stdout and exit code against the expected result: the ``.exp`` file
beside the test if present, else what CPython (python3) prints for the same
file in the same directory.

  python3 tests/run.py [-j N] [--binary PATH] [--mpy-oracle] [--list-failing]
                       [--float-single] [--via raw-repl [--cmd CMD | --port DEV]]
                       [PATH|DIR|GLOB ...]

--via raw-repl sends each test through the raw REPL (raw-paste mode)
instead of running it as a file: by default our binary started on a
pseudo-terminal in the test's directory (one process per test, with the
test's "# cmdline:" options); --cmd runs another command that way (e.g. a
board emulator with its serial port on stdio); --port uses an existing
serial device or pty for every test (soft reset in between; tests with
"# cmdline:" options are skipped, and -j is 1).

Tests listed in tests/xfail.txt still run; a failure there is reported as
xfail (not counted as failed), a pass as xpass (counted as passed).

--float-single is for builds with single-precision floats (features
float-single/float-stuffed), whose floats print 7 (stuffed: 6) significant
digits where the oracles print up to 17: a program whose output differs
only in float digits passes when both outputs agree after every float
literal is rewritten with 6 significant digits (``%.6g``), reported as
"pass (float digits)"; the programs listed in tests/float_single_skip.txt
(whose output depends on float precision beyond its printed digits) are
skipped with the reason given there.
"""
import argparse
import difflib
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import raw_repl  # noqa: E402
import shlex  # noqa: E402
import threading  # noqa: E402


def load_xfail(names=("xfail.txt",)):
    out = set()
    for name in names:
        p = os.path.join(common.TESTS, name)
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


_port_lock = threading.Lock()
_port_session = {}


def run_via_raw_repl(test, args):
    """(stdout, exit code, stderr) of ``test`` sent through the raw REPL."""
    path = os.path.join(common.TESTS, test)
    d = common.directives(path)
    timeout = common.TIMEOUT
    try:
        if args.port:
            with _port_lock:
                repl = _port_session.get("repl")
                if repl is None:
                    con = raw_repl.SerialConsole(args.port)
                    repl = raw_repl.RawRepl(con)
                    repl.enter()
                    _port_session["repl"] = repl
                try:
                    repl.soft_reset()
                    return raw_repl.run_file_via_raw_repl(repl, path, d["args"], timeout)
                except (TimeoutError, raw_repl.ConsoleClosed, ValueError):
                    _port_session.pop("repl", None)
                    raise
        cmd = shlex.split(args.cmd) if args.cmd else [args.binary]
        con = raw_repl.PtyConsole(cmd + d["cmdline"], cwd=os.path.dirname(path))
        try:
            repl = raw_repl.RawRepl(con)
            repl.enter()
            return raw_repl.run_file_via_raw_repl(repl, path, d["args"], timeout)
        finally:
            con.close()
    except TimeoutError as e:
        return b"", "timeout", str(e).encode()
    except (raw_repl.ConsoleClosed, ValueError) as e:
        return b"", "console error", str(e).encode()


def check(test, args):
    exp_out, exp_rc = expected(test)
    if args.via == "raw-repl":
        if args.port and common.directives(os.path.join(common.TESTS, test))["cmdline"]:
            return test, True, None
        out, rc, err = run_via_raw_repl(test, args)
    elif args.mpy_oracle:
        out, rc, err = common.run_oracle(test)
    else:
        out, rc, err = common.run_binary(test, args.binary)
    ok = out == exp_out and rc == exp_rc
    if not ok and args.float_single and rc == exp_rc and common.norm_floats(out) == common.norm_floats(exp_out):
        ok = "float digits"
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
    ap.add_argument("--float-single", action="store_true",
                    help="single-precision build: compare floats at 6 digits, skip "
                         "tests/float_single_skip.txt")
    ap.add_argument("--via", choices=("file", "raw-repl"), default="file",
                    help="run each test as a file (default) or send it through the raw REPL")
    ap.add_argument("--cmd", help="with --via raw-repl: the command to start on a pty per test")
    ap.add_argument("--port", help="with --via raw-repl: an existing serial device or pty to use")
    args = ap.parse_args()
    if args.port:
        args.jobs = 1
    if not args.mpy_oracle:
        args.binary = os.path.abspath(args.binary)
        if not os.path.exists(args.binary):
            print("binary not found: %s (build it or use --binary/--mpy-oracle)" % args.binary)
            return 2

    tests = common.find_tests(args.paths)
    xfail = load_xfail(("xfail.txt", "xfail_raw_repl.txt") if args.via == "raw-repl" else ("xfail.txt",))
    passed = failed = xfailed = xpassed = skipped = digits = 0
    if args.float_single:
        skips = common.load_float_skips()
        kept = []
        for t in tests:
            if t in skips:
                skipped += 1
                if not args.list_failing:
                    print("skip  %s (float precision: %s)" % (t, skips[t]))
            else:
                kept.append(t)
        tests = kept
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
                if ok == "float digits":
                    digits += 1
                if args.verbose:
                    print("pass  %s%s" % (test, " (float digits)" if ok == "float digits" else ""))
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
    if skipped:
        summary += ", %d skipped" % skipped
    if xfailed:
        summary += ", %d xfailed" % xfailed
    if digits:
        print("(%d of the passes differ only in float digits)" % digits)
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
