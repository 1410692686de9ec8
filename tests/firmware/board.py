# skip-test
"""Drive a micropython-rs firmware image in QEMU over its serial console.

    from board import Board, BOARDS
    with Board("netduinoplus2", elf) as b:
        b.wait_prompt()                 # banner + ">>> " (b.banner has it)
        out = b.friendly("1 + 1")       # one REPL entry -> its output
        out = b.run_program(src)        # a whole program -> its output

QEMU starts paused with the console on a pseudo-terminal (`-serial pty`,
the way host tools such as mpremote connect); the pty is opened in raw
mode before the CPU starts, so nothing the board prints is lost. A GDB stub
on a local port is available for fault-injection tests (see gdbstub.py).

`run_program` is the hook for running corpus programs on a board: today it
goes through the friendly REPL (`exec(<source as a literal>)`); once the
shared REPL crate's raw REPL is in the firmware it can use raw-paste mode
instead, and callers stay the same.
"""
import os
import re
import select
import socket
import subprocess
import time
import tty

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# board name -> (QEMU machine, banner's "<board> with <mcu>", sys.platform)
BOARDS = {
    "netduinoplus2": ("netduinoplus2", "NetduinoPlus2 with STM32F405RG", "pyboard"),
    "mps2-an386": ("mps2-an386", "mps2-an386 with Cortex-M4", "qemu"),
}

PROMPT = b">>> "


class BoardError(Exception):
    """The board did not answer as expected (timeout, QEMU exit)."""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Board:
    """One QEMU instance running `elf` for board `name`."""

    def __init__(self, name, elf, gdb=False, extra_args=()):
        self.name = name
        self.machine, self.machine_str, self.platform = BOARDS[name]
        self.gdb_port = free_port() if gdb else None
        cmd = ["qemu-system-arm", "-M", self.machine, "-display", "none",
               "-monitor", "stdio", "-serial", "pty", "-S", "-kernel", elf]
        if self.gdb_port:
            cmd += ["-gdb", "tcp:127.0.0.1:%d" % self.gdb_port]
        cmd += list(extra_args)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.fd = None
        self.log = b""  # everything read from the console
        self.banner = b""
        line = self._qemu_line(b"char device redirected to")
        m = re.search(rb"(/dev/pts/\d+)", line)
        if not m:
            self.close()
            raise BoardError("no pty in QEMU output: %r" % line)
        self.fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.proc.stdin.write(b"cont\n")
        self.proc.stdin.flush()

    def _qemu_line(self, needle, timeout=10):
        end = time.time() + timeout
        buf = b""
        while time.time() < end:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
                for line in buf.split(b"\n"):
                    if needle in line:
                        return line
        raise BoardError("QEMU did not start: %r" % buf[-500:])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass

    # -- raw console I/O -------------------------------------------------

    def write(self, data):
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def write_slowly(self, data, chunk=64, pause=0.002):
        """Writes in chunks: the board's receive ring holds 512 bytes."""
        for i in range(0, len(data), chunk):
            self.write(data[i:i + chunk])
            time.sleep(pause)

    def read_until(self, marker, timeout=10):
        """Reads until `marker` (bytes or compiled regex) has arrived;
        returns everything read up to and including it."""
        end = time.time() + timeout
        buf = b""
        while True:
            m = marker.search(buf) if hasattr(marker, "search") else None
            if m:
                return buf
            if not hasattr(marker, "search") and marker in buf:
                return buf
            left = end - time.time()
            if left <= 0:
                raise BoardError("timeout waiting for %r; got %r" % (marker, buf[-300:]))
            if self.proc.poll() is not None:
                raise BoardError("QEMU exited (%s); got %r" % (self.proc.returncode, buf[-300:]))
            r, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                buf += chunk
                self.log += chunk

    def drain(self, quiet=0.2):
        """Reads whatever arrives until the console is quiet for `quiet` s."""
        buf = b""
        while True:
            r, _, _ = select.select([self.fd], [], [], quiet)
            if not r:
                return buf
            chunk = os.read(self.fd, 4096)
            buf += chunk
            self.log += chunk

    # -- friendly REPL ---------------------------------------------------

    BANNER = re.compile(rb"MicroPython v\S+ on \d{4}-\d\d-\d\d; (.+?)\r\n"
                        rb"Type \"help\(\)\" for more information\.\r\n>>> ")

    def wait_prompt(self, timeout=20):
        """Waits for the banner and the first prompt; returns the banner."""
        out = self.read_until(self.BANNER, timeout)
        self.banner = self.BANNER.search(out).group(0)
        return out

    def friendly(self, line, timeout=20):
        """Types one line (or lines joined by \\n, then an empty line for a
        block) at the `>>> ` prompt and returns what was printed before the
        next prompt, with \\r\\n turned into \\n and the echo removed."""
        lines = line.split("\n")
        data = "\r".join(lines).encode() + b"\r"
        if len(lines) > 1:
            data += b"\r"
        self.write_slowly(data)
        out = self.read_until(b"\r\n" + PROMPT, timeout)
        out = out[:-len(PROMPT)]
        # Drop the echoed input (it comes first).
        if len(lines) == 1:
            echo = lines[0].encode() + b"\r\n"
            if out.startswith(echo):
                out = out[len(echo):]
        else:
            cut = out.find(b"... \r\n")
            if cut >= 0:
                out = out[cut + 6:]
        return out.replace(b"\r\n", b"\n").decode("utf-8", "replace")

    def run_program(self, source, timeout=60):
        """Runs a whole program; returns its output (stdout and traceback)."""
        if isinstance(source, bytes):
            source = source.decode("utf-8")
        return self.friendly("exec(%r)" % source, timeout)

    def soft_reset(self, timeout=20):
        """Ctrl-D at an empty prompt: waits for the new banner and prompt."""
        self.write(b"\x04")
        return self.wait_prompt(timeout)

    def interrupt(self):
        self.write(b"\x03")
