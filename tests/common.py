# skip-test
"""Shared helpers for tests/run.py, tests/gen_exp.py and bench/run.py.

Test discovery rules (see tests/README.md):
- every ``tests/**/*.py`` is a test, except files whose first line is
  ``# skip-test``, files whose name starts with ``_`` (e.g. ``__init__.py``,
  ``_helper.py``), the harness files at the top of ``tests/``, and anything
  inside a folder named ``pkg``/``mods`` or starting with ``_`` (helper
  packages for import tests).
- leading ``#`` comment lines may hold directives:
  ``# cmdline: ARGS``  extra arguments for the MicroPython binary (and oracle),
  ``# args: ARGS``     script arguments (sys.argv[1:]) for every implementation,
  ``# exit: N``        expected exit code when the expected output comes from
                       a ``.exp`` file (default 0).
"""
import os
import re
import shlex
import subprocess

TESTS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TESTS)
ORACLE_JS = os.path.join(REPO, "tools", "mp_oracle.mjs")
HELPER_DIRS = ("pkg", "mods")
# Seconds a test program may run; MPY_TEST_TIMEOUT raises it for slow
# builds (tools/test.sh gives the gc-stress builds 30).
TIMEOUT = int(os.environ.get("MPY_TEST_TIMEOUT", "10"))


def is_test(path):
    rel = os.path.relpath(path, TESTS)
    parts = rel.split(os.sep)
    if len(parts) < 2:
        return False  # harness files live at the top of tests/
    if any(p in HELPER_DIRS or p.startswith("_") for p in parts[:-1]):
        return False
    name = parts[-1]
    if not name.endswith(".py") or name.startswith("_"):
        return False
    try:
        with open(path, "rb") as f:
            first = f.readline()
    except OSError:
        return False
    return not first.startswith(b"# skip-test")


def find_tests(patterns=()):
    """Return sorted test paths (relative to tests/) matching the patterns.

    A pattern is a file, a directory or a glob, relative to tests/ or cwd."""
    import fnmatch

    all_tests = []
    for root, dirs, files in os.walk(TESTS):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            if is_test(p):
                all_tests.append(os.path.relpath(p, TESTS))
    if not patterns:
        return all_tests
    out = []
    for pat in patterns:
        cands = [pat]
        ap = os.path.abspath(pat)
        if ap.startswith(TESTS + os.sep):
            cands.append(os.path.relpath(ap, TESTS))
        for t in all_tests:
            for c in cands:
                c = c.rstrip("/")
                if t == c or t.startswith(c + "/") or fnmatch.fnmatch(t, c) \
                        or fnmatch.fnmatch(t, c + ".py"):
                    if t not in out:
                        out.append(t)
                    break
    return sorted(out)


def directives(path):
    d = {"cmdline": [], "args": [], "exit": 0}
    with open(path, "rb") as f:
        for raw in f:
            if not raw.startswith(b"#"):
                break
            line = raw.decode("utf-8", "replace")[1:].strip()
            key, sep, val = line.partition(":")
            key = key.strip()
            if not sep:
                continue
            if key in ("cmdline", "args"):
                d[key] = shlex.split(val)
            elif key == "exit":
                d["exit"] = int(val.strip())
    return d


def run(cmd, cwd, timeout=TIMEOUT):
    """Run cmd; return (stdout bytes, exit code or 'timeout', stderr bytes)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           timeout=timeout)
        return p.stdout, p.returncode, p.stderr
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", "timeout", e.stderr or b""


def run_cpython(test, python="python3"):
    path = os.path.join(TESTS, test)
    d = directives(path)
    return run([python, os.path.basename(path)] + d["args"], os.path.dirname(path))


def run_binary(test, binary):
    path = os.path.join(TESTS, test)
    d = directives(path)
    return run([binary] + d["cmdline"] + [os.path.basename(path)] + d["args"],
               os.path.dirname(path))


def run_oracle(test):
    path = os.path.join(TESTS, test)
    d = directives(path)
    return run(["node", ORACLE_JS] + d["cmdline"] + [os.path.basename(path)] + d["args"],
               os.path.dirname(path), timeout=TIMEOUT * 3)


def exp_path(test):
    return os.path.join(TESTS, test[:-3] + ".exp")


def load_float_skips():
    """tests/float_single_skip.txt: `path  # reason` lines."""
    p = os.path.join(TESTS, "float_single_skip.txt")
    out = {}
    if os.path.exists(p):
        with open(p) as f:
            for line in f:
                path, _, reason = line.partition("#")
                if path.strip():
                    out[path.strip()] = reason.strip() or "float precision"
    return out


# A float literal as Python prints one (a '.' or an exponent; no sign, so
# the parts of complex numbers are found too), not inside a name or number.
FLOAT_RE = re.compile(rb"(?<![\w.])(?:\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)(?![\d.])")


def norm_floats(text):
    """Every float literal in `text` rewritten with 6 significant digits
    (`%.6g`: `1.0000001` and `1.0` become `1`, as the parts of complex
    numbers print; the exact comparison of the other builds checks that
    floats print as floats)."""
    def sub(m):
        try:
            return b"%.6g" % float(m.group(0))
        except ValueError:
            return m.group(0)
    return FLOAT_RE.sub(sub, text)
