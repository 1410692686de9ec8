# skip-test
"""The official `mpremote` drives each QEMU board over its `-serial pty`.

    python3 tests/firmware/test_mpremote.py [--board B]... [-v]

Per board (default images, tools/firmware.sh): `exec`, `eval`, `run`, the
filesystem (`fs ls` showing the default boot.py, `fs mkdir/cp/ls/cat/
sha256sum/rm/rmdir`), files surviving `soft-reset` while the interpreter
state does not, `os` errors as OSError with their errno names, `mount .
exec "import m"` (mpremote's 5.8 KB mount hook must compile on the board),
and `repl` with Ctrl-C interrupting a running `while True: pass`.

Missing mpremote or QEMU is a failure, not a skip. A case listed in
EXPECTED_FAIL for a board counts as passed when it fails (and is reported
as XFAIL with the reason); if it passes there, that is reported too.
Ends with "mpremote: N passed, N failed".
"""
import argparse
import hashlib
import importlib.util
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from board import BOARDS, Board, firmware  # noqa: E402

# (board, case) -> why it is expected to fail.
EXPECTED_FAIL = {}


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def mpremote(pty_path, *args, cwd=None, timeout=120):
    p = subprocess.run([sys.executable, "-m", "mpremote", "connect", pty_path] + list(args), cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace").replace("\r\n", "\n")


def ok(pty_path, *args, **kw):
    rc, out = mpremote(pty_path, *args, **kw)
    expect(rc == 0, "mpremote %s: exit %d: %r" % (" ".join(args), rc, out[-400:]))
    return out


def case_exec_eval_run(b, tmp):
    out = ok(b.pty, "exec", "import sys; print(sys.platform)")
    expect(out == b.platform + "\n", "exec gave %r" % out)
    out = ok(b.pty, "eval", "2**100")
    expect(out == "%d\n" % 2**100, "eval gave %r" % out)
    script = os.path.join(tmp, "script.py")
    with open(script, "w") as f:
        f.write("def g(n):\n    return [i * i for i in range(n)]\nprint(g(5))\n")
    out = ok(b.pty, "run", script)
    expect(out == "[0, 1, 4, 9, 16]\n", "run gave %r" % out)


def case_fs(b, tmp):
    out = ok(b.pty, "fs", "ls", ":")
    expect("boot.py" in out, "fs ls : lacks the default boot.py: %r" % out)
    out = ok(b.pty, "fs", "cat", ":boot.py")
    expect(out.startswith("#"), "boot.py is %r" % out)
    data = "".join("line %d of a file bigger than mpremote's 256-byte chunks\n" % i for i in range(40))
    local = os.path.join(tmp, "data.txt")
    with open(local, "w") as f:
        f.write(data)
    ok(b.pty, "fs", "mkdir", ":d")
    ok(b.pty, "fs", "cp", local, ":d/data.txt")
    out = ok(b.pty, "fs", "ls", ":d")
    expect("%d data.txt" % len(data) in out, "fs ls :d gave %r" % out)
    out = ok(b.pty, "fs", "cat", ":d/data.txt")
    expect(out == data, "fs cat gave %r" % out[:200])
    out = ok(b.pty, "fs", "sha256sum", ":d/data.txt")
    expect(hashlib.sha256(data.encode()).hexdigest() in out, "sha256sum gave %r" % out)
    back = os.path.join(tmp, "back.txt")
    ok(b.pty, "fs", "cp", ":d/data.txt", back)
    with open(back) as f:
        expect(f.read() == data, "fs cp back differs")
    rc, out = mpremote(b.pty, "fs", "rmdir", ":d")
    expect(rc != 0, "rmdir of a non-empty dir succeeded: %r" % out)
    ok(b.pty, "fs", "rm", ":d/data.txt")
    ok(b.pty, "fs", "rmdir", ":d")
    out = ok(b.pty, "fs", "ls", ":")
    expect(" d/" not in out, "d still listed: %r" % out)


def case_os(b, tmp):
    src = ("import os\n"
           "def err(f, *a):\n"
           "    try:\n"
           "        f(*a)\n"
           "    except OSError as e:\n"
           "        return e.errno\n"
           "print(err(os.stat, 'nope'), err(os.remove, 'nope'), err(os.mkdir, '/'), err(open, 'nope'))\n"
           "os.mkdir('/lib')\n"
           "open('/lib/fsmod.py', 'w').write('V = 7\\n')\n"
           "import fsmod\n"
           "os.rename('/lib/fsmod.py', '/lib/fsmod2.py')\n"
           "print(fsmod.V, os.listdir('/lib'), err(os.rmdir, '/lib'))\n"
           "os.chdir('/lib'); print(os.getcwd(), os.listdir()); os.chdir('..')\n"
           "s = os.statvfs('/'); print(s[0] > 0, s[2] >= s[3] > 0)\n"
           "os.remove('/lib/fsmod2.py'); os.rmdir('/lib'); print(os.getcwd(), 'lib' in os.listdir())\n")
    out = ok(b.pty, "exec", src)
    expect(out == "2 2 17 2\n7 ['fsmod2.py'] 39\n/lib ['fsmod2.py']\nTrue True\n/ False\n", "os gave %r" % out)


def case_soft_reset(b, tmp):
    out = ok(b.pty, "exec", "x = 1; open('keep.txt', 'w').write('kept')", "soft-reset", "exec",
             "print('x' in globals(), open('keep.txt').read())")
    expect(out.endswith("False kept\n"), "soft-reset gave %r" % out)
    ok(b.pty, "fs", "rm", ":keep.txt")


def case_mount(b, tmp):
    with open(os.path.join(tmp, "m.py"), "w") as f:
        f.write("X = 6 * 7\nprint('m imported')\n")
    rc, out = mpremote(b.pty, "mount", ".", "exec", "import m; print(m.X)", cwd=tmp)
    expect(rc == 0 and out.endswith("m imported\n42\n"), "mount gave %r" % ((rc, out),))


def case_repl(b, tmp):
    """`mpremote repl` on a pty of its own: a running loop is interrupted
    by Ctrl-C, the REPL answers afterwards, Ctrl-] leaves."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.executable, [sys.executable, "-m", "mpremote", "connect", b.pty, "repl"])
    got = b""

    def read_until(marker, timeout=30):
        nonlocal got
        end = time.time() + timeout
        while marker not in got:
            if time.time() > end:
                raise AssertionError("repl: timeout waiting for %r; got %r" % (marker, got[-300:]))
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    got += os.read(fd, 4096)
                except OSError:
                    break
        expect(marker in got, "repl: ended before %r; got %r" % (marker, got[-300:]))

    try:
        read_until(b"Ctrl-]")
        os.write(fd, b"\r")
        read_until(b">>> ")
        os.write(fd, b"while True: pass\r\r")
        time.sleep(1.5)
        os.write(fd, b"\x03")
        read_until(b"KeyboardInterrupt")
        os.write(fd, b"print('after', 6 * 7)\r")
        read_until(b"after 42")
        os.write(fd, b"\x1d")
        end = time.time() + 10
        while time.time() < end:
            wpid, _ = os.waitpid(pid, os.WNOHANG)
            if wpid:
                pid = 0
                break
            time.sleep(0.1)
        expect(pid == 0, "mpremote repl did not exit on Ctrl-]")
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)


CASES = [("exec/eval/run", case_exec_eval_run), ("fs", case_fs), ("os", case_os),
         ("soft-reset", case_soft_reset), ("mount", case_mount), ("repl", case_repl)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=sorted(BOARDS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    passed, failed = 0, []
    missing = [n for n, ok_ in [("qemu-system-arm", shutil.which("qemu-system-arm")),
                                ("mpremote (pip)", importlib.util.find_spec("mpremote"))] if not ok_]
    if missing:
        for m in missing:
            print("FAIL %s is missing (sh tools/setup.sh installs it)" % m)
        print("mpremote: 0 passed, %d failed" % len(missing))
        return 1
    for name in args.board or ["netduinoplus2", "mps2-an386"]:
        elf = firmware(name)
        with Board(name, elf) as b, tempfile.TemporaryDirectory() as tmp:
            b.wait_banner()
            os.close(b.fd)  # hand the console over to mpremote
            b.fd = None
            for label, fn in CASES:
                why = EXPECTED_FAIL.get((name, label))
                try:
                    fn(b, tmp)
                except Exception as e:  # noqa: BLE001 - every failure is reported
                    if why:
                        passed += 1
                        print("XFAIL %s %s (%s): %s" % (name, label, why, str(e)[:200]))
                    else:
                        failed.append("%s %s" % (name, label))
                        print("FAIL %s %s: %s" % (name, label, e))
                        if args.verbose:
                            traceback.print_exc()
                else:
                    passed += 1
                    if why:
                        print("XPASS %s %s: passes now; drop it from EXPECTED_FAIL" % (name, label))
                    elif args.verbose:
                        print("ok   %s %s" % (name, label))
                sys.stdout.flush()
    print("mpremote: %d passed, %d failed" % (passed, len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
