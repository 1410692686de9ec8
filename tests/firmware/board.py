# skip-test
"""Drive a micropython-rs firmware image in QEMU over its serial console.

    from board import Board
    with Board("netduinoplus2", elf) as b:
        b.wait_banner()                 # banner + ">>> " (b.banner has it)
        out = b.friendly("1 + 1")       # one REPL line -> its output
        out = b.paste("for i in x:\\n    print(i)\\n")   # paste mode (Ctrl-E)
        b.enter_raw()
        out, err = b.exec_raw(src)      # raw-paste mode, as mpremote does

QEMU starts paused with the console on a pseudo-terminal (`-serial pty`,
the way host tools such as mpremote connect); the pty is opened in raw
mode before the CPU starts, so nothing the board prints is lost. With
`gdb=True` a GDB stub listens on a local port for fault-injection tests
(gdbstub.py). Output is returned with `\\r\\n` turned into `\\n`.
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
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n>"
BANNER = re.compile(rb"MicroPython v\S+ on \d{4}-\d\d-\d\d; (.+?)\r\n"
                    rb"Type \"help\(\)\" for more information\.\r\n")


class BoardError(Exception):
    """The board did not answer as expected (timeout, QEMU exit)."""


class BoardFault(BoardError):
    """The board reported a HardFault or panic (and rebooted: it is at
    the friendly prompt again)."""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def firmware(board, heap=None):
    """Builds the board's firmware (tools/firmware.sh); returns the ELF."""
    env = dict(os.environ)
    env.pop("MPY_HEAPSIZE", None)
    if heap:
        env["MPY_HEAPSIZE"] = heap
    out = subprocess.run(["sh", os.path.join(REPO, "tools", "firmware.sh"), "build", board],
                         cwd=REPO, env=env, check=True, stdout=subprocess.PIPE)
    return os.path.join(REPO, out.stdout.decode().strip().splitlines()[-1])


def cooked(data):
    return data.replace(b"\r\n", b"\n").decode("utf-8", "replace")


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
        self.buf = b""  # received, not consumed yet
        self.log = b""  # everything received
        self.banner = b""
        try:
            line = self._qemu_line(b"char device redirected to")
            m = re.search(rb"(/dev/pts/\d+)", line)
            if not m:
                raise BoardError("no pty in QEMU output: %r" % line)
            self.pty = m.group(1).decode()
            self.fd = os.open(self.pty, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
            self.proc.stdin.write(b"cont\n")
            self.proc.stdin.flush()
        except BaseException:
            self.close()
            raise

    def _qemu_line(self, needle, timeout=10):
        end = time.time() + timeout
        got = b""
        while time.time() < end:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                got += chunk
                for line in got.split(b"\n"):
                    if needle in line:
                        return line
        raise BoardError("QEMU did not start: %r" % got[-500:])

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

    # -- console bytes ---------------------------------------------------

    def write(self, data):
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def write_slowly(self, data, chunk=64, pause=0.005):
        """Writes in chunks: the board's receive ring holds 512 bytes, and
        the friendly REPL echoes as it reads."""
        for i in range(0, len(data), chunk):
            self.write(data[i:i + chunk])
            time.sleep(pause)

    def _fill(self, timeout):
        """Waits up to `timeout` s for bytes; False if none came."""
        if self.proc.poll() is not None:
            raise BoardError("QEMU exited (%s); got %r" % (self.proc.returncode, self.log[-300:]))
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:
            return False
        self.buf += chunk
        self.log += chunk
        return bool(chunk)

    def waiting(self):
        """Are received bytes ready (without waiting)?"""
        return bool(self.buf) or self._fill(0)

    def read_exact(self, n, timeout=10):
        end = time.time() + timeout
        while len(self.buf) < n:
            left = end - time.time()
            if left <= 0:
                raise BoardError("timeout reading %d bytes; got %r" % (n, self.buf[-300:]))
            self._fill(min(left, 0.2))
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_until(self, marker, timeout=10, faults=False):
        """Consumes and returns the input up to and including `marker`
        (bytes, or a compiled regex). With `faults`, a fault report raises
        BoardFault once the board has rebooted."""
        end = time.time() + timeout
        while True:
            if faults and b"FATAL: " in self.buf:
                report = self.buf[self.buf.find(b"FATAL: "):]
                self.buf = b""
                report += self.wait_banner(timeout)
                raise BoardFault(cooked(report).split("MicroPython v")[0].strip())
            if isinstance(marker, bytes):
                i = self.buf.find(marker)
                stop = i + len(marker) if i >= 0 else -1
            else:
                m = marker.search(self.buf)
                stop = m.end() if m else -1
            if stop >= 0:
                out, self.buf = self.buf[:stop], self.buf[stop:]
                return out
            left = end - time.time()
            if left <= 0:
                raise BoardError("timeout waiting for %r; got %r" % (marker, self.buf[-300:]))
            self._fill(min(left, 0.2))

    def drain(self, quiet=0.2):
        """Consumes whatever arrives until the console is quiet."""
        while self._fill(quiet):
            pass
        out, self.buf = self.buf, b""
        return out

    # -- friendly REPL ---------------------------------------------------

    def wait_banner(self, timeout=30):
        """Waits for the banner and the prompt after it; returns all the
        output up to there (e.g. a fault report before a reboot)."""
        out = self.read_until(BANNER, timeout)
        self.banner = BANNER.search(out).group(0)
        out += self.read_until(PROMPT, timeout)
        return out

    def friendly(self, line, timeout=30):
        """Types one line at the `>>> ` prompt; returns what was printed
        before the next prompt (without the echo)."""
        data = line.encode()
        self.write_slowly(data + b"\r")
        self.read_until(data + b"\r\n", timeout)
        out = self.read_until(PROMPT, timeout, True)
        return cooked(out[:-len(PROMPT)])

    def paste(self, text, timeout=30):
        """Runs `text` through paste mode (Ctrl-E ... Ctrl-D); returns its
        output."""
        self.write(b"\x05")
        self.read_until(b"=== ", timeout)
        lines = text.rstrip("\n").split("\n")
        for ln in lines:
            self.write_slowly(ln.encode() + b"\r")
            self.read_until(b"\r\n=== ", timeout)
        self.write(b"\x04")
        self.read_until(b"\r\n", timeout)
        out = self.read_until(PROMPT, timeout)
        return cooked(out[:-len(PROMPT)])

    def soft_reset(self, timeout=30):
        """Ctrl-D at an empty friendly prompt: waits for the new banner."""
        self.write(b"\x04")
        out = self.read_until(b"MPY: soft reboot\r\n", timeout)
        return out + self.wait_banner(timeout)

    def interrupt(self):
        self.write(b"\x03")

    # -- raw REPL (what mpremote and pyboard.py speak) ---------------------

    def enter_raw(self, timeout=30):
        self.write(b"\r\x03")
        time.sleep(0.1)
        self.drain()
        self.write(b"\r\x01")
        self.read_until(RAW_BANNER, timeout)

    def exit_raw(self, timeout=30):
        self.write(b"\r\x02")
        self.read_until(PROMPT, timeout)

    def raw_soft_reset(self, timeout=30):
        """Ctrl-D on an empty raw command: soft reset, stays in raw mode."""
        self.write(b"\x04")
        self.read_until(b"soft reboot\r\n", timeout)
        self.read_until(RAW_BANNER, timeout)

    def exec_raw(self, src, timeout=60):
        """Runs `src` in raw-paste mode (flow-controlled, as mpremote does);
        returns (stdout, error output), both cooked."""
        if isinstance(src, str):
            src = src.encode()
        self.write(b"\x05A\x01")
        if self.read_exact(2, timeout) != b"R\x01":
            raise BoardError("raw-paste mode refused")
        window = int.from_bytes(self.read_exact(2, timeout), "little")
        remain = window
        i = 0
        early = False
        while i < len(src) and not early:
            while remain == 0 or self.waiting():
                b = self.read_exact(1, timeout)
                if b == b"\x01":
                    remain += window
                elif b == b"\x04":
                    # The board ended the upload early (e.g. a syntax error).
                    early = True
                    break
                else:
                    raise BoardError("unexpected %r during raw-paste" % b)
            if not early:
                chunk = src[i:i + remain]
                self.write(chunk)
                remain -= len(chunk)
                i += len(chunk)
        self.write(b"\x04")
        if not early:
            self.read_until(b"\x04", timeout, True)  # end-of-data acknowledgement
        out = self.read_until(b"\x04", timeout, True)[:-1]
        err = self.read_until(b"\x04", timeout, True)[:-1]
        self.read_until(b">", timeout, True)
        return cooked(out), cooked(err)
