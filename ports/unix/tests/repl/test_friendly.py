"""The friendly REPL of ``micropython`` on a pseudo-terminal, key by key.

Expected bytes are official MicroPython's: observed on its WebAssembly
build's REPL (cursor keys, history, auto-indent, completion, paste mode)
and in shared/spec/repl-protocol.md; the emacs keys the WebAssembly build
lacks use the same primitives (``\\b`` or ``ESC [ n D`` left, re-printing
to go right, ``ESC [ K`` when the line gets shorter).
"""
import re
import unittest

from _common import Session, HELP_LINE


class FriendlyRepl(unittest.TestCase):
    def setUp(self):
        self.s = Session()

    def tearDown(self):
        self.s.close()

    def check(self, keys, expected):
        self.assertEqual(self.s.expect(keys, expected), expected)

    def test_banner(self):
        self.assertRegex(self.s.banner,
                         rb'^MicroPython v[^ ]+ on [0-9-]+; linux \[rustc\] version\r\n' + re.escape(HELP_LINE) + b'>>> $')

    def test_expression_results_echoed(self):
        self.check(b"1+1\r", b"1+1\r\n2\r\n>>> ")
        self.check(b"None\r", b"None\r\n>>> ")
        self.check(b"'x'\r", b"'x'\r\n'x'\r\n>>> ")
        self.check(b"print('a\\nb')\r", b"print('a\\nb')\r\na\r\nb\r\n>>> ")
        self.check(b"_\r", b"_\r\n'x'\r\n>>> ")

    def test_cursor_keys_as_official(self):
        keys = [b"abc", b"\x1b[D", b"\x1b[D", b"X", b"\x1b[C", b"\x01", b"\x05", b"\x02", b"\x02", b"\x06",
                b"\x08", b"\x7f", b"\x1b[H", b"\x1b[F", b"\x1b[1~", b"\x1b[4~", b"\x1b[3~", b"\x1b[D", b"\x1b[3~"]
        shown = [b"abc", b"\x08", b"\x08", b"Xbc\x08\x08", b"b", b"\x08\x08\x08", b"aXbc", b"\x08", b"\x08", b"b",
                 b"\x08\x1b[Kc\x08", b"\x08\x1b[Kc\x08", b"\x08", b"ac", b"\x08\x08", b"ac", b"", b"\x08", b"\x1b[K"]
        for k, e in zip(keys, shown):
            self.check(k, e)
        self.check(b"\r", b"\r\n")
        self.assertIn(b"NameError: name 'a' isn't defined", self.s.until(b">>> "))

    def test_emacs_keys(self):
        self.check(b"abcdef\x02\x02\x0b", b"abcdef\x08\x08\x1b[K")  # Ctrl-K
        self.check(b"\x15", b"\x08\x08\x08\x08\x1b[K")  # Ctrl-U
        self.check(b"xyz\x01\x04", b"xyz\x08\x08\x08\x1b[Kyz\x08\x08")  # Ctrl-D deletes
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"hello world foo\x1bb", b"hello world foo\x08\x08\x08")  # Alt-B
        self.check(b"\x1b[1;5D", b"\x1b[6D")  # Ctrl-Left
        self.check(b"\x1bf", b"world")  # Alt-F
        self.check(b"\x1b[1;5C", b" foo")  # Ctrl-Right
        self.check(b"\x17", b"\x08\x08\x08\x1b[K")  # Ctrl-W
        self.check(b"\x01\x1bd", b"\x1b[12D\x1b[K world \x1b[7D")  # Alt-D
        self.check(b"\x03", b"\r\n>>> ")

    def test_history(self):
        self.check(b"x=1\r", b"x=1\r\n>>> ")
        self.check(b"y=2\r", b"y=2\r\n>>> ")
        self.check(b"\x1b[A", b"y=2")
        self.check(b"\x1b[A", b"\x08\x08\x08x=1")
        self.check(b"\x1b[B", b"\x08\x08\x08y=2")
        self.check(b"\x10", b"\x08\x08\x08x=1")  # Ctrl-P
        self.check(b"\x0e\x0e", b"\x08\x08\x08y=2\x08\x08\x08\x1b[K")  # Ctrl-N twice
        self.check(b"\x1b[A\x1b[A\r", b"y=2\x08\x08\x08x=1\r\n>>> ")

    def test_auto_indent(self):
        self.check(b"for i in range(2):\r", b"for i in range(2):\r\n...     ")
        self.check(b"print(i)\r", b"print(i)\r\n...     ")
        self.check(b"\r", b"\r\n...     ")
        self.check(b"\r", b"\r\n... ")
        self.check(b"\r", b"\r\n0\r\n1\r\n>>> ")
        self.check(b"if 1:\r", b"if 1:\r\n...     ")
        self.check(b"if 1:\r", b"if 1:\r\n...         ")
        self.check(b"x=5\r\r\r\r", b"x=5\r\n...         \r\n...         \r\n... \r\n>>> ")
        self.check(b"x\r", b"x\r\n5\r\n>>> ")

    def test_continuation_fixes_a_typo(self):
        # A multi-line block after a mistyped line: Ctrl-C drops it and
        # the block can be typed again.
        self.check(b"def f(:\r", b"def f(:\r\n...     ")
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"def f():\rreturn 7\r\r\r\r",
                   b"def f():\r\n...     return 7\r\n...     \r\n...     \r\n... \r\n>>> ")
        self.check(b"f()\r", b"f()\r\n7\r\n>>> ")
        # Ctrl-D on a blank continuation line runs the block.
        self.check(b"if 1:\rprint(8)\r\x04", b"if 1:\r\n...     print(8)\r\n...     \r\n8\r\n>>> ")

    def test_tab_completion(self):
        self.check(b"import sys\r", b"import sys\r\n>>> ")
        self.check(b"sys.pl\t", b"sys.platform")  # unique
        self.check(b"\r", b"\r\n'linux'\r\n>>> ")
        self.check(b"abcd=1;abce=2\r", b"abcd=1;abce=2\r\n>>> ")
        self.check(b"ab\t", b"abc")  # common prefix
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"imp\t", b"import ")  # the keyword
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"x = \t", b"x =     ")  # indent after a space
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"l = []\r", b"l = []\r\n>>> ")
        listing = (b"\r\nappend          clear           copy            count\r\n"
                   b"extend          index           insert          pop\r\n"
                   b"remove          reverse         sort\r\n>>> l.")
        self.check(b"l.\t", b"l." + listing)  # several: listed, line re-printed
        self.check(b"ap\t", b"append")
        self.check(b"(3)\r", b"(3)\r\n>>> ")
        self.check(b"import has\t", b"import hashlib")  # module names
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"pri\t", b"print")  # builtins when no global matches
        self.check(b"\x03", b"\r\n>>> ")
        # Attribute lookups run Python code (a property making a list).
        self.check(b"exec('class A:\\n @property\\n def p(self): return [1]')\r",
                   b"exec('class A:\\n @property\\n def p(self): return [1]')\r\n>>> ")
        self.check(b"a = A()\r", b"a = A()\r\n>>> ")
        self.check(b"a.p.cop\t", b"a.p.copy")
        self.check(b"\x03", b"\r\n>>> ")

    def test_paste_mode(self):
        self.check(b"\x05", b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
        # \r echoes "\r\n=== ", \n echoes as it came.
        self.check(b"a=1\rb=2\nif a:\r    print(a+b)\r", b"a=1\r\n=== b=2\nif a:\r\n===     print(a+b)\r\n=== ")
        self.check(b"\x04", b"\r\n3\r\n>>> ")
        self.check(b"\x05", b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
        self.check(b"zz\x03", b"zz\r\n>>> ")
        self.check(b"zz\r", b"zz\r\n")
        self.assertIn(b"NameError", self.s.until(b">>> "))

    def test_ctrl_keys_on_empty_line(self):
        self.check(b"abc\x03", b"abc\r\n>>> ")  # Ctrl-C cancels the line
        self.check(b"\x03", b"\r\n>>> ")
        self.check(b"\x02", b"\r\n" + self.s.banner)  # Ctrl-B: banner again
        self.check(b"\x04", b"\r\n")  # Ctrl-D exits on unix
        self.assertEqual(self.s.exit_code(), 0)

    def test_exit_code(self):
        self.check(b"import sys\r", b"import sys\r\n>>> ")
        self.s.send(b"sys.exit(3)\r")
        self.assertEqual(self.s.exit_code(), 3)

    def test_exception(self):
        self.check(b"1/0\r", b"1/0\r\nTraceback (most recent call last):\r\n"
                   b"  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n>>> ")
        self.check(b"def f(\r", b"def f(\r\n... ")
        self.check(b")\r\r", b")\r\n... \r\n")
        self.assertIn(b"SyntaxError", self.s.until(b">>> "))

    def test_input_uses_the_line_editor(self):
        self.check(b"v = input('? ')\r", b"v = input('? ')\r\n? ")
        self.check(b"abd\x08c\r", b"abd\x08\x1b[Kc\r\n>>> ")
        self.check(b"v\r", b"v\r\n'abc'\r\n>>> ")
        self.check(b"input()\r", b"input()\r\n")
        self.check(b"\x03", b"Traceback (most recent call last):\r\n")
        self.assertIn(b"KeyboardInterrupt", self.s.until(b">>> "))

    def test_help(self):
        self.s.send(b"help()\r")
        out = self.s.until(b">>> ")
        self.assertIn(b"Welcome to MicroPython!\r\n", out)
        self.assertIn(b"CTRL-E        -- on a blank line, enter paste mode\r\n", out)
        self.s.send(b"help('modules')\r")
        out = self.s.until(b">>> ")
        self.assertIn(b"Plus any modules on the filesystem\r\n", out)
        self.assertRegex(out, rb"\r\nbuiltins +")
        self.s.send(b"import sys; help(sys)\r")
        out = self.s.until(b">>> ")
        self.assertIn(b"object <module 'sys'> is of type module\r\n", out)
        self.assertIn(b"  exit -- <function>\r\n", out)

    def test_garbage_does_not_break_it(self):
        import random
        rnd = random.Random(8)
        for _ in range(20):
            junk = bytes(b for b in rnd.randbytes(200) if b not in (1, 4, 5))
            self.s.send(junk + b"\x03")
        # Still answering: a fresh line runs. The junk may still be running
        # or echoing when the line arrives (its Ctrl-C can land inside a junk
        # statement and the line then joins the junk), so the line is sent
        # again, after a Ctrl-C, until it runs; it must run within 5 tries.
        for _ in range(5):
            self.s.send(b"\x03print('END' + 'MARK')\r")
            try:
                self.s.until(b"ENDMARK\r\n>>> ", timeout=4)
                break
            except TimeoutError:
                pass
        else:
            self.fail("the REPL no longer runs a line after the junk")
        self.s.send(b"6*7\r")
        self.assertTrue(self.s.until(b"6*7\r\n42\r\n>>> ").endswith(b"6*7\r\n42\r\n>>> "))


if __name__ == "__main__":
    unittest.main()
