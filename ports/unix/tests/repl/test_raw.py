"""The raw REPL and raw-paste mode of ``micropython`` on a pseudo-terminal,
byte for byte as shared/spec/repl-protocol.md gives them (and as
official MicroPython answers), and Ctrl-C as IDEs send it."""
import statistics
import time
import unittest

from _common import Session

RAW = b"raw REPL; CTRL-B to exit\r\n"


class RawRepl(unittest.TestCase):
    def setUp(self):
        self.s = Session()
        self.assertEqual(self.s.expect(b"\x01", b"\r\n" + RAW + b">"), b"\r\n" + RAW + b">")

    def tearDown(self):
        self.s.close()

    def check(self, keys, expected):
        self.assertEqual(self.s.expect(keys, expected), expected)

    def test_exec_framing(self):
        self.check(b"print(1+1)\x04", b"OK2\r\n\x04\x04>")  # no echo, OK, out \x04 err \x04 >
        self.check(b"1/0\x04", b"OK\x04Traceback (most recent call last):\r\n"
                   b"  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n\x04>")
        self.check(b"x = (\x04", b"OK\x04Traceback (most recent call last):\r\n")
        self.assertIn(b"SyntaxError", self.s.until(b"\x04>"))
        # Several lines, \r\n or \n.
        self.check(b"a = 5\r\nfor i in range(2):\n    print(a + i)\n\x04", b"OK5\r\n6\r\n\x04\x04>")
        # The expression value is not printed (file mode).
        self.check(b"7*6\x04", b"OK\x04\x04>")

    def test_control_keys(self):
        self.check(b"junk\x03print(3)\x04", b"OK3\r\n\x04\x04>")  # Ctrl-C clears the command
        self.check(b"junk\x01", b"\r\n" + RAW + b">")  # Ctrl-A: banner again
        self.check(b"\x05B\x01", b"R\x00>")  # raw-paste with an unknown mode byte
        self.check(b"\x02", b"\r\n" + self.s.banner)  # Ctrl-B: the friendly REPL
        self.check(b"1+1\r", b"1+1\r\n2\r\n>>> ")

    def test_soft_reset(self):
        self.check(b"x = 42\x04", b"OK\x04\x04>")
        self.check(b"print(x)\x04", b"OK42\r\n\x04\x04>")
        # Empty command: OK, soft reset, still raw.
        self.check(b"\x04", b"OK\r\nMPY: soft reboot\r\n" + RAW + b">")
        self.check(b"print('x' in globals())\x04", b"OK")
        self.assertEqual(self.s.until(b">"), b"False\r\n\x04\x04>")

    def test_system_exit_stays(self):
        self.check(b"import sys\nsys.exit(5)\x04", b"OK\x04\x04>")
        self.check(b"print(2)\x04", b"OK2\r\n\x04\x04>")

    def test_raw_paste(self):
        self.check(b"\x05A\x01", b"R\x01\x80\x00\x01")  # supported, window 128, first window
        code = b"print('pasted')\n" + b"# padding line\n" * 30
        assert len(code) > 3 * 128
        self.s.send(code)
        # One \x01 per 128 bytes consumed, then the \x04 acknowledgement.
        self.check(b"\x04", b"\x01" * (len(code) // 128) + b"\x04")
        self.check(b"", b"pasted\r\n\x04\x04>")
        # Errors are framed the same way.
        self.check(b"\x05A\x01", b"R\x01\x80\x00\x01")
        self.check(b"raise ValueError('v')\x04", b"\x04\x04Traceback (most recent call last):\r\n")
        self.assertTrue(self.s.until(b"\x04>").endswith(b"ValueError: v\r\n\x04>"))

    def test_paste_flow_control_with_a_real_client(self):
        import raw_repl
        r = raw_repl.RawRepl(self.s.con)
        src = b"".join(b"v%d = %d\n" % (i, i) for i in range(2500)) + b"print(v2499 + v7)\n"
        self.assertGreater(len(src), 20000)
        self.assertEqual(r.exec(src), (b"2506\r\n", b""))

    def test_bare_ctrl_c_stops_a_loop(self):
        self.s.send(b"while True: pass\x04")
        self.assertEqual(self.s.until(b"OK"), b"OK")
        self.s.send(b"\x03")
        self.assertTrue(self.s.until(b"\x04>").endswith(b"KeyboardInterrupt: \r\n\x04>"))
        self.check(b"print(1)\x04", b"OK1\r\n\x04\x04>")

    def test_ctrl_c_stops_a_blocked_read(self):
        self.s.send(b"import sys\nsys.stdin.buffer.read(5)\x04")
        self.s.until(b"OK")
        self.s.send(b"ab\x03")
        self.assertTrue(self.s.until(b"\x04>").endswith(b"KeyboardInterrupt: \r\n\x04>"))

    def test_kbd_intr_disables_ctrl_c(self):
        # With kbd_intr(-1) a 0x03 byte is data for the program.
        self.s.send(b"import micropython, sys\nmicropython.kbd_intr(-1)\nprint('ready')\nprint(sys.stdin.buffer.read(2))\x04")
        self.s.until(b"OKready\r\n")
        self.s.send(b"\x03x")
        self.assertEqual(self.s.until(b"\x04>"), b"b'\\x03x'\r\n\x04\x04>")


def interrupt_delay(s, start_code, marker):
    """Seconds from sending 0x03 to the end of the KeyboardInterrupt
    report, with ``start_code`` running (``marker`` shows it started)."""
    s.send(start_code)
    s.until(marker)
    time.sleep(0.05)
    t0 = time.monotonic()
    s.send(b"\x03")
    s.until(b"KeyboardInterrupt: \r\n")
    return time.monotonic() - t0


class CtrlC(unittest.TestCase):
    """Ctrl-C stops ``while True: pass`` within 100 ms (the one timed
    check; the median of several tries, so a loaded machine does not
    fail it by one slow schedule)."""

    def test_friendly(self):
        s = Session()
        try:
            delays = [interrupt_delay(s, b"while True: pass\r\r", b"... \r\n") for _ in range(5)]
        finally:
            s.close()
        self.assertLess(statistics.median(delays), 0.1, delays)

    def test_raw(self):
        s = Session()
        try:
            s.send(b"\x01")
            s.until(RAW + b">")
            delays = [interrupt_delay(s, b"while True: pass\x04", b"OK") for _ in range(5)]
        finally:
            s.close()
        self.assertLess(statistics.median(delays), 0.1, delays)

    def test_sleep(self):
        s = Session()
        try:
            delays = [interrupt_delay(s, b"import time; time.sleep(30)\r", b"sleep(30)\r\n") for _ in range(3)]
        finally:
            s.close()
        self.assertLess(statistics.median(delays), 0.1, delays)


if __name__ == "__main__":
    unittest.main()
