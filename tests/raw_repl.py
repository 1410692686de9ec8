# skip-test
"""A raw-REPL client for the test harness: runs programs on a MicroPython
console the way host tools do (spec/repl-protocol.md), over a program
started on a pseudo-terminal (the unix port, or a board emulator whose
serial port is its standard I/O) or over an existing serial device/pty.

  con = PtyConsole(["target/release/micropython"], cwd="tests/basics")
  repl = RawRepl(con)
  repl.enter()                      # friendly -> raw REPL
  out, err = repl.exec(b"print(1)") # raw-paste when the device has it
  con.close()

``run_file_via_raw_repl`` runs a test file as if it were a script: it
sends a small wrapper that sets ``sys.argv``, compiles the source under
the file's name and turns ``SystemExit`` into an exception the harness
decodes, then rebuilds (stdout, exit code, stderr) as the command line
would give them.
"""
import os
import re
import select
import signal
import subprocess
import time
import tty
import pty

BANNER = b"raw REPL; CTRL-B to exit\r\n"


class ConsoleClosed(Exception):
    pass


class _FdConsole:
    """Byte I/O on a file descriptor with timeouts."""

    def __init__(self, fd):
        self.fd = fd
        self.buf = b""

    def write(self, data):
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def _fill(self, timeout):
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return False
        try:
            d = os.read(self.fd, 4096)
        except OSError:
            d = b""
        if not d:
            raise ConsoleClosed()
        self.buf += d
        return True

    def read_until(self, ending, timeout):
        """Bytes up to and including ``ending``; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.buf.find(ending)
            if i >= 0:
                out, self.buf = self.buf[:i + len(ending)], self.buf[i + len(ending):]
                return out
            if not self._fill(deadline - time.monotonic()) and time.monotonic() >= deadline:
                raise TimeoutError("waiting for %r, got %r" % (ending, self.buf[-200:]))

    def read_exactly(self, n, timeout):
        deadline = time.monotonic() + timeout
        while len(self.buf) < n:
            if not self._fill(deadline - time.monotonic()) and time.monotonic() >= deadline:
                raise TimeoutError("waiting for %d bytes, got %r" % (n, self.buf))
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_available(self, wait=0.0):
        """Whatever arrives within ``wait`` seconds (and is already there)."""
        try:
            while self._fill(wait):
                wait = 0.0
        except ConsoleClosed:
            pass
        out, self.buf = self.buf, b""
        return out


class PtyConsole(_FdConsole):
    """A program whose standard input/output/error is a new pseudo-terminal."""

    def __init__(self, cmd, cwd=None, env=None):
        master, slave = pty.openpty()
        tty.setraw(master)
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        super().__init__(master)

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait()
        os.close(self.fd)


class SerialConsole(_FdConsole):
    """An existing serial device or pty, in raw mode."""

    def __init__(self, path):
        fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(fd)
        super().__init__(fd)

    def close(self):
        os.close(self.fd)


class RawRepl:
    """The host side of the raw REPL and raw-paste protocols."""

    def __init__(self, con, timeout=10):
        self.con = con
        self.timeout = timeout
        self.raw_paste = True

    def enter(self, soft_reset=False):
        """Interrupts whatever runs and enters the raw REPL (optionally
        soft resetting: a fresh interpreter)."""
        self.con.write(b"\r\x03\x03")
        self.con.read_available(0.05)
        self.con.write(b"\r\x01")
        self.con.read_until(BANNER + b">", self.timeout)
        if soft_reset:
            self.con.write(b"\x04")
            self.con.read_until(b"soft reboot\r\n", self.timeout)
            self.con.read_until(BANNER + b">", self.timeout)

    def soft_reset(self):
        """Ctrl-D on an empty command, from the raw prompt."""
        self.con.write(b"\x04")
        self.con.read_until(b"soft reboot\r\n", self.timeout)
        self.con.read_until(BANNER + b">", self.timeout)

    def leave(self):
        self.con.write(b"\r\x02")

    def _paste(self, code):
        self.con.write(b"\x05A\x01")
        reply = self.con.read_exactly(2, self.timeout)
        if reply == b"R\x00":
            self.con.read_until(b">", self.timeout)
            return False
        if reply != b"R\x01":
            self.con.read_until(BANNER + b">", self.timeout)
            return False
        window = int.from_bytes(self.con.read_exactly(2, self.timeout), "little")
        remain = 0
        i = 0
        while i < len(code):
            # Flow control: take every byte the device sent; wait for one
            # while the window is used up.
            while remain == 0 or self.con.buf or self.con._fill(0):
                c = self.con.read_exactly(1, self.timeout)
                if c == b"\x01":
                    remain += window
                elif c == b"\x04":
                    self.con.write(b"\x04")
                    return True
                else:
                    raise ValueError("unexpected byte during raw paste: %r" % c)
            chunk = code[i:i + remain]
            self.con.write(chunk)
            remain -= len(chunk)
            i += len(chunk)
        self.con.write(b"\x04")
        self.con.read_until(b"\x04", self.timeout)
        return True

    def exec(self, code, timeout=None):
        """Runs ``code`` (bytes) at the raw prompt; returns (stdout, error
        text) and leaves the device at the next prompt."""
        timeout = timeout or self.timeout
        if not (self.raw_paste and self._paste(code)):
            self.raw_paste = False
            for i in range(0, len(code), 256):
                self.con.write(code[i:i + 256])
                time.sleep(0.01)
            self.con.write(b"\x04")
            ok = self.con.read_exactly(2, self.timeout)
            if ok != b"OK":
                raise ValueError("raw REPL did not accept the command: %r" % ok)
        out = self.con.read_until(b"\x04", timeout)[:-1]
        err = self.con.read_until(b"\x04", timeout)[:-1]
        self.con.read_until(b">", self.timeout)
        return out, err


WRAPPER = """\
import sys
sys.argv[:] = %(argv)r
class _HarnessExit(Exception):
    pass
try:
    exec(compile(%(src)r, %(name)r, 'exec'), {'__name__': '__main__', '__file__': %(name)r})
except SystemExit as _e:
    raise _HarnessExit(_e.args[0] if _e.args else None)
"""

_STDIN_FRAME = re.compile(rb'^  File "<stdin>", line \d+, in <module>\r?\n', re.M)


def _lf(b):
    return b.replace(b"\r\n", b"\n")


def run_file_via_raw_repl(repl, path, args, timeout):
    """Runs the file at ``path`` (with ``sys.argv = [basename] + args``)
    through ``repl``; returns (stdout, exit code, stderr) as a script run
    would produce them: tracebacks on stdout, SystemExit codes, messages
    of ``sys.exit('msg')`` on stderr."""
    with open(path, "rb") as f:
        src = f.read()
    name = os.path.basename(path)
    code = (WRAPPER % {"argv": [name] + list(args), "src": src, "name": name}).encode()
    out, err = repl.exec(code, timeout)
    out, err = _lf(out), _lf(err)
    if not err:
        return out, 0, b""
    m = re.search(rb"_HarnessExit: (.*)\n$", err)
    if m:
        v = m.group(1)
        if v == b"None":
            return out, 0, b""
        if re.fullmatch(rb"-?\d+", v):
            return out, int(v) & 0xFF, b""
        return out, 1, v + b"\n"
    err = _STDIN_FRAME.sub(b"", err)
    rc = 130 if err.rstrip().endswith(b"KeyboardInterrupt:") else 1
    return out + err, rc, b""
