# skip-test
"""Run corpus programs (tests/**/*.py) on a QEMU board through the raw REPL
and compare them with the expected output (the `.exp` beside a test, else
CPython's), as tests/run.py does for the unix port.

    python3 tests/firmware/corpus.py BOARD [TEST|DIR|GLOB ...] [--heap 16K] [-v]

Each test is uploaded in raw-paste mode after a soft reset (a fresh heap),
the way mpremote runs a script. A test passes when its standard output
matches and it raised nothing exactly when the expected exit code is 0.
Tests that need what a board does not have here (command-line options,
script arguments, files beside them) are skipped with the reason.

The boards use single-precision floats stuffed in the object word (6
significant digits), so floats are compared as `tests/run.py
--float-single` does: output that differs only in float digits passes when
both agree with every float literal at 6 significant digits, and the
programs in tests/float_single_skip.txt are skipped.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import common  # noqa: E402
from board import Board, BoardError, BoardFault, firmware  # noqa: E402

# Detail of a test that ended in MemoryError (does not fit the board).
NOFIT = "does not fit"

# Folders whose tests use the filesystem or helper modules beside them.
NEEDS_FILES = ("import/", "io/")

# The board images print floats with single precision (float-stuffed).
FLOAT_SINGLE = True


def load_known():
    """tests/firmware/known_failures.txt: `test  # reason` lines, tests that
    differ on a board for a reason that is not a bug here."""
    known = {}
    with open(os.path.join(HERE, "known_failures.txt")) as f:
        for line in f:
            test, _, reason = line.partition("#")
            if test.strip():
                known[test.strip()] = reason.strip()
    return known


def skip_reason(test):
    """Why `test` cannot run on a board now, or None."""
    d = common.directives(os.path.join(common.TESTS, test))
    if d["cmdline"]:
        return "command-line options"
    if d["args"]:
        return "script arguments"
    if test.startswith(NEEDS_FILES):
        return "needs files (no filesystem yet)"
    if FLOAT_SINGLE:
        reason = common.load_float_skips().get(test)
        if reason:
            return "float precision: " + reason
    return None


def same_output(out, exp_out):
    """Equal, or (single-precision floats) equal with every float literal
    at 6 significant digits."""
    if out == exp_out:
        return True
    return FLOAT_SINGLE and common.norm_floats(out.encode()) == common.norm_floats(exp_out.encode())


def expected(test):
    e = common.exp_path(test)
    if os.path.exists(e):
        with open(e, "rb") as f:
            return f.read().decode("utf-8", "replace"), common.directives(os.path.join(common.TESTS, test))["exit"]
    out, rc, _ = common.run_cpython(test)
    return out.decode("utf-8", "replace"), rc


def run_test(board, test, timeout=60):
    """Runs one test on `board` (already in the raw REPL); returns
    (ok, detail)."""
    with open(os.path.join(common.TESTS, test), "rb") as f:
        src = f.read()
    board.raw_soft_reset()
    out, err = board.exec_raw(src, timeout)
    exp_out, exp_rc = expected(test)
    if "FATAL:" in out or "FATAL:" in err:
        return False, "fault: " + (out + err).strip().splitlines()[-1]
    rc = 1 if err else 0
    # Code sent through the REPL is named <stdin> in tracebacks.
    stdin, name = 'File "<stdin>"', 'File "%s"' % os.path.basename(test)
    out, err = out.replace(stdin, name), err.replace(stdin, name)
    if same_output(out, exp_out) and (rc == 0) == (exp_rc == 0):
        return True, ""
    # Expected output recorded with the traceback on stdout (MicroPython's
    # .exp files): the board sends it in the error part.
    if rc and exp_rc and same_output(out + err, exp_out):
        return True, ""
    # Ran out of memory where the reference did not: the program does not
    # fit this board (its heap, or the compiler's arena).
    if "MemoryError" in err and "MemoryError" not in exp_out:
        return False, NOFIT + ": " + err.strip().splitlines()[-1]
    # Recursion deeper than the board's stack allows.
    if "maximum recursion depth" in err and "maximum recursion" not in exp_out:
        return False, NOFIT + " (stack): " + err.strip().splitlines()[-1]
    detail = "output differs" if out != exp_out else "exit %d, expected %r" % (rc, exp_rc)
    if err:
        detail += ": " + err.strip().splitlines()[-1]
    return False, detail


def summarise(results, known):
    """(passed, nofit, xfail, failed) lists of tests."""
    passed = [t for t, (ok, _) in results.items() if ok]
    nofit = [t for t, (ok, d) in results.items() if not ok and d.startswith(NOFIT)]
    xfail = [t for t, (ok, d) in results.items() if not ok and t in known and t not in nofit]
    failed = [t for t, (ok, d) in results.items() if not ok and t not in known and t not in nofit]
    return passed, nofit, xfail, failed


def fault_free(results):
    """Tests whose result shows a fault (HardFault, panic, hang)."""
    return [t for t, (ok, d) in results.items() if d.startswith("fault") or d.startswith("board stopped")]


def run_tests(board_name, elf, tests, log=None):
    """Runs `tests` on a fresh QEMU board; returns {test: (ok, detail)}.
    A board that stops answering is restarted for the next test."""
    results = {}
    todo = list(tests)
    while todo:
        with Board(board_name, elf) as b:
            b.wait_banner()
            b.enter_raw()
            while todo:
                test = todo.pop(0)
                try:
                    results[test] = run_test(b, test)
                except BoardFault as e:
                    results[test] = (False, "fault: %s" % str(e).replace("\n", " ")[:200])
                    b.enter_raw()
                except BoardError as e:
                    results[test] = (False, "board stopped answering: %s" % str(e)[:120])
                    break
                if log:
                    log(test, *results[test])
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("board")
    ap.add_argument("paths", nargs="*", default=["basics"])
    ap.add_argument("--heap", help="MPY_HEAPSIZE build setting, e.g. 16K")
    ap.add_argument("-v", "--verbose", action="store_true", help="list passes and skips too")
    args = ap.parse_intermixed_args()
    elf = firmware(args.board, args.heap)
    tests, skipped = [], []
    for t in common.find_tests(args.paths):
        reason = skip_reason(t)
        (skipped.append((t, reason)) if reason else tests.append(t))
    known = load_known()

    def log(test, ok, detail):
        if args.verbose or (not ok and test not in known and not detail.startswith(NOFIT)):
            print("%s %s %s" % ("pass" if ok else "FAIL", test, detail), flush=True)

    results = run_tests(args.board, elf, tests, log)
    if args.verbose:
        for t, reason in skipped:
            print("skip %s (%s)" % (t, reason))
    passed, nofit, xfail, failed = summarise(results, known)
    for t in xfail:
        print("xfail %s (%s)" % (t, known[t]))
    for t in nofit:
        print("nofit %s (%s)" % (t, results[t][1]))
    fit = len(results) - len(nofit)
    print("%s: %d of %d programs that fit pass (%.1f%%); %d do not fit (MemoryError or stack), %d known differences"
          % (args.board, len(passed), fit, 100.0 * len(passed) / max(fit, 1), len(nofit), len(xfail)))
    print("%d passed, %d failed, %d xfail, %d skipped" % (len(passed), len(failed), len(xfail) + len(nofit), len(skipped)))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
