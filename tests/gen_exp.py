#!/usr/bin/env python3
"""Generate the .exp files of the test corpus.

For each test (or the given subset), run it on CPython (python3) and on the
official MicroPython wasm build (tools/mp_oracle.mjs). Where stdout or the
exit code differ, write ``<test>.exp`` with MicroPython's output (a
deliberate MicroPython difference); where they agree, remove a stale .exp.
A non-zero MicroPython exit code must then be declared with ``# exit: N``
in the test's leading comments (reported if missing).

  python3 tests/gen_exp.py [-j N] [PATH|DIR|GLOB ...]
"""
import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def one(test):
    c_out, c_rc, _ = common.run_cpython(test)
    m_out, m_rc, m_err = common.run_oracle(test)
    return test, (c_out, c_rc), (m_out, m_rc, m_err)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    written, removed, problems = [], [], []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for test, (c_out, c_rc), (m_out, m_rc, m_err) in ex.map(one, common.find_tests(args.paths)):
            e = common.exp_path(test)
            if m_rc == "timeout":
                problems.append("%s: timeout on the MicroPython oracle" % test)
                continue
            if c_out == m_out and c_rc == m_rc:
                if os.path.exists(e):
                    os.remove(e)
                    removed.append(test)
                continue
            with open(e, "wb") as f:
                f.write(m_out)
            written.append(test)
            want = common.directives(os.path.join(common.TESTS, test))["exit"]
            if m_rc != want:
                problems.append("%s: MicroPython exit code %s but '# exit: %s' declared; stderr: %s"
                                % (test, m_rc, want, m_err.decode("utf-8", "replace")[-200:]))
    for t in written:
        print("exp  %s" % t)
    for t in removed:
        print("removed stale .exp of %s" % t)
    for p in problems:
        print("PROBLEM " + p)
    print("%d .exp written, %d removed, %d problems" % (len(written), len(removed), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
