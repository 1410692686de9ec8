# skip-test
"""Hardware modules on each QEMU board: machine (mem32 of a known
register, refused RAM writes, freq, unique_id, disable_irq/enable_irq,
idle, soft_reset), time ticks, Timer callbacks (counts, deinit, one-shot,
MemoryError in a hard callback, soft callbacks), micropython.schedule
ordering, pending checks in sleeps, a UART echo through a second serial
port (a TCP chardev the test answers), help('modules'); pyb basics on
netduinoplus2.

    python3 tests/firmware/test_hw.py [--board B]... [-v]

Ends with "hw: N passed, N failed".
"""
import argparse
import os
import socket
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from board import BOARDS, Board, firmware, free_port  # noqa: E402

# board -> (timer id, UART id on serial 1, clock Hz)
HW = {
    "netduinoplus2": (2, 2, 168000000),
    "mps2-an386": (0, 1, 25000000),
}

CHECKS = [
    ("machine basics", """\
import machine
print(machine.mem32[0xE000ED00] & 0xFF00FFF0 == 0x4100C240)
try:
    machine.mem32[0x20000004] = 1
except ValueError as e:
    print('ValueError', e)
try:
    machine.mem32[0xE000ED01]
except ValueError as e:
    print('ValueError', e)
print(machine.freq() == {hz}, len(machine.unique_id()), machine.unique_id() == machine.unique_id())
s = machine.disable_irq()
machine.enable_irq(s)
print(s, machine.idle())
""", "True\nValueError bad address\nValueError bad address\nTrue 12 True\nTrue None\n"),
    ("time ticks", """\
import time
a = time.ticks_ms(); u = time.ticks_us(); c = time.ticks_cpu()
time.sleep_ms(30)
b = time.ticks_ms(); v = time.ticks_us()
print(30 <= time.ticks_diff(b, a) < 200, 30000 <= time.ticks_diff(v, u) < 200000)
print(time.ticks_add(0, -1) == 2**30 - 1, time.ticks_diff(0, 2**30 - 1))
t = time.ticks_us(); time.sleep_us(500); print(time.ticks_diff(time.ticks_us(), t) >= 500)
t = time.ticks_ms(); time.sleep(0.05); print(time.ticks_diff(time.ticks_ms(), t) >= 50)
m = [time.ticks_us() for i in range(50)]
print(all(time.ticks_diff(m[i + 1], m[i]) >= 0 for i in range(49)))
""", "True True\nTrue 1\nTrue\nTrue\nTrue\n"),
    ("Timer callbacks", """\
import machine, time
n = [0]
def cb(t):
    n[0] += 1
t = machine.Timer({tim}, freq=100, callback=cb)
s = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), s) < 500:
    pass
t.deinit()
k = n[0]
print(40 <= k <= 55, t.freq())
time.sleep_ms(50)
print(n[0] == k)
print(machine.Timer({tim}) is t)
n[0] = 0
t.init(mode=machine.Timer.ONE_SHOT, period=10, callback=cb)
time.sleep_ms(100)
print(n[0])
n[0] = 0
t.init(period=20, callback=cb)
time.sleep_ms(210)
t.deinit()
print(8 <= n[0] <= 12)
""", "True 0\nTrue\nTrue\n1\nTrue\n"),
    ("hard callback MemoryError", """\
import machine, time
def bad(t):
    x = [1, 2, 3]
t = machine.Timer({tim}, freq=100, callback=bad)
time.sleep_ms(50)
t.deinit()
got = []
def soft(t):
    got.append([len(got)])
t.init(freq=100, callback=soft, hard=False)
time.sleep_ms(50)
t.deinit()
print(len(got) > 0)
""", "uncaught exception in Timer({tim}) interrupt handler\nTraceback (most recent call last):\n"
         "  File \"<stdin>\", line 3, in bad\nMemoryError: memory allocation failed, heap is locked\nTrue\n"),
    ("schedule", """\
import micropython, machine, time
micropython.alloc_emergency_exception_buf(100)
l = []
micropython.schedule(l.append, 1)
micropython.schedule(l.append, 2)
print(l)
for i in range(2):
    pass
print(l)
seen = [0]
ap = l.append
def hard(t):
    if seen[0] == 0:
        micropython.schedule(ap, 'soft')
    seen[0] += 1
t = machine.Timer({tim}, freq=100, callback=hard)
s = time.ticks_ms()
while len(l) < 3 and time.ticks_diff(time.ticks_ms(), s) < 2000:
    pass
t.deinit()
print(l, seen[0] > 0)
""", "[]\n[1, 2]\n[1, 2, 'soft'] True\n"),
    ("help modules", "help('modules')\n", None),
]

PYB = ("pyb basics", """\
import pyb
a = pyb.millis(); u = pyb.micros()
pyb.delay(20); pyb.udelay(100)
print(20 <= pyb.elapsed_millis(a) < 200, pyb.elapsed_micros(u) >= 20100)
print(pyb.freq())
t = pyb.Timer(4, freq=50)
n = [0]
def cb(t):
    n[0] += 1
t.callback(cb)
pyb.delay(200)
t.callback(None)
t.deinit()
print(8 <= n[0] <= 12, pyb.UART is __import__('machine').UART)
pyb.info()
""", None)


class Checks:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = []
        self.verbose = verbose

    def run(self, name, fn, *args):
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            self.failed.append(name)
            print("FAIL %s: %s" % (name, e))
        else:
            self.passed += 1
            if self.verbose:
                print("ok   %s" % name)
        sys.stdout.flush()


def run_src(b, src, want):
    out, err = b.exec_raw(src, timeout=60)
    got = out + err
    if want is not None and got != want:
        raise AssertionError("got %r, want %r" % (got, want))
    return got


def check_help(b):
    got = run_src(b, "help('modules')\n", None)
    for m in ["machine", "micropython", "time"] + (["pyb"] if b.name == "netduinoplus2" else []):
        if m not in got.split():
            raise AssertionError("%s missing from help('modules'): %r" % (m, got))


def check_pyb(b):
    got = run_src(b, PYB[1], None)
    lines = got.split("\n")
    want = ["True True", "(168000000, 168000000, 42000000, 84000000)", "True True"]
    if lines[:3] != want or not lines[3].startswith("S=168000000"):
        raise AssertionError("pyb gave %r" % got)


def echo_server(port, ready):
    """Accepts QEMU's connection to serial 1 and echoes each line upper-cased."""
    c = None
    for _ in range(100):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            break
        except OSError:
            time.sleep(0.1)
    ready.set()
    if c is None:
        return
    buf = b""
    c.settimeout(60)
    try:
        while True:
            d = c.recv(256)
            if not d:
                break
            buf += d
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                c.sendall(line.upper() + b"\n")
    except OSError:
        pass
    finally:
        c.close()


def check_uart(b, uart):
    src = ("import machine\nu = machine.UART(%d, 115200, timeout=3000)\n"
           "print(u.write(b'hello uart\\n'))\nprint(u.readline())\n"
           "u.write('abc\\n')\nprint(u.read(4), u.any())\nu.init(9600, timeout=50)\nprint(u.read())\n"
           "try:\n    machine.UART(99)\nexcept ValueError as e:\n    print(e)\n" % uart)
    run_src(b, src, "11\nb'HELLO UART\\n'\nb'ABC\\n' 0\nNone\nUART doesn't exist\n")


def check_soft_reset(b):
    """machine.soft_reset() soft-resets; running timers stop."""
    b.exec_raw("import machine\nt = machine.Timer(%d, freq=100, callback=lambda t: None)\n" % HW[b.name][0])
    b.exit_raw()
    b.write(b"import machine; machine.soft_reset()\r")
    b.read_until(b"MPY: soft reboot\r\n", 30)
    b.wait_banner()
    b.enter_raw()
    run_src(b, "import machine\nprint(machine.Timer(%d).freq())\n" % HW[b.name][0], "0\n")


class EchoBoard:
    """Boots board `name` with its second serial port joined to a local
    echo peer (`echo_server`), checks the banner (a check named "NAME
    boot") and enters the raw REPL: `with EchoBoard(...) as b`."""

    def __init__(self, checks, name, elf):
        self.checks, self.name, self.elf = checks, name, elf

    def __enter__(self):
        port = free_port()
        ready = threading.Event()
        threading.Thread(target=echo_server, args=(port, ready), daemon=True).start()
        extra = ["-serial", "tcp:127.0.0.1:%d,server=on,wait=off" % port]
        self.board = Board(self.name, self.elf, extra_args=extra)
        b = self.board.__enter__()
        try:
            self.checks.run("%s boot" % self.name, b.wait_banner)
            b.enter_raw()
        except BaseException:
            self.board.__exit__(*sys.exc_info())
            raise
        ready.wait(15)
        return b

    def __exit__(self, *exc):
        return self.board.__exit__(*exc)


def check_board(checks, name, elf):
    tim, uart, hz = HW[name]
    with EchoBoard(checks, name, elf) as b:
        for label, src, want in CHECKS:
            if label == "help modules":
                checks.run("%s %s" % (name, label), check_help, b)
                continue
            src = src.format(tim=tim, hz=hz)
            want = want.format(tim=tim)
            checks.run("%s %s" % (name, label), run_src, b, src, want)
        checks.run("%s UART echo" % name, check_uart, b, uart)
        if name == "netduinoplus2":
            checks.run("%s pyb" % name, check_pyb, b)
        checks.run("%s soft_reset" % name, check_soft_reset, b)


def main_for_boards(doc, label, check_board, elf_for=firmware):
    """The command line every board test shares: ``--board NAME`` (may be
    repeated; default both boards) and ``-v``; runs ``check_board(checks,
    name, elf)`` per board with ``elf_for(name)``'s firmware, prints
    ``LABEL: N passed, M failed`` and returns the exit status (1 if any
    check failed)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", action="append", choices=sorted(BOARDS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    checks = Checks(args.verbose)
    for name in args.board or ["netduinoplus2", "mps2-an386"]:
        check_board(checks, name, elf_for(name))
    print("%s: %d passed, %d failed" % (label, checks.passed, len(checks.failed)))
    return 1 if checks.failed else 0


def main():
    return main_for_boards(__doc__, "hw", check_board,
                           lambda name: firmware(name, "256K" if name == "mps2-an386" else None))


if __name__ == "__main__":
    sys.exit(main())
