"""Shared set-up of the REPL tests: the binary under test on a
pseudo-terminal, read with timeouts (hang guards only; no test asserts on
time except test_ctrl_c's stated bound)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests"))
import raw_repl  # noqa: E402

BINARY = os.path.abspath(os.environ.get("MICROPY_BIN", os.path.join(REPO, "target", "release", "micropython")))
HELP_LINE = b'Type "help()" for more information.\r\n'


class Session:
    """``micropython`` (the REPL) on a pty."""

    def __init__(self, args=(), cwd=None, env=None):
        self.con = raw_repl.PtyConsole([BINARY, *args], cwd=cwd, env=env)
        self.banner = self.con.read_until(HELP_LINE + b">>> ", 10)

    def send(self, data):
        self.con.write(data)

    def expect(self, data, expected, timeout=10):
        """Sends ``data``, returns the next len(expected) bytes (compare
        them with ``expected``)."""
        self.con.write(data)
        return self.con.read_exactly(len(expected), timeout)

    def until(self, ending, timeout=10):
        return self.con.read_until(ending, timeout)

    def exit_code(self, timeout=10):
        return self.con.proc.wait(timeout)

    def close(self):
        self.con.close()
