"""The official ``mpremote`` (pip, 1.29.0) driving our REPL through a
pseudo-terminal made by ``socat``, as it drives a board: exec, eval, run,
the fs commands both ways, mount, soft reset, and a raw-paste upload of a
20 KB script."""
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from _common import BINARY

MPREMOTE = shutil.which("mpremote")
SOCAT = shutil.which("socat")


class Mpremote(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A missing oracle is a failure, not a skip (tools/setup.sh installs
        # both).
        if not (MPREMOTE and SOCAT):
            raise RuntimeError("needs mpremote (pip) and socat (apt): run sh tools/setup.sh")
        cls.tmp = tempfile.mkdtemp(prefix="mpremote-test-")
        cls.device = os.path.join(cls.tmp, "device")  # the REPL's current directory
        cls.host = os.path.join(cls.tmp, "host")
        os.mkdir(cls.device)
        os.mkdir(cls.host)
        link = os.path.join(cls.tmp, "tty")
        cls.socat = subprocess.Popen(
            ["socat", "PTY,link=%s,raw,echo=0" % link, "EXEC:%s,pty,raw,echo=0,stderr" % BINARY],
            cwd=cls.device, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(link):
                break
            time.sleep(0.05)
        cls.port = os.path.realpath(link)

    @classmethod
    def tearDownClass(cls):
        cls.socat.kill()
        cls.socat.wait()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def mp(self, *args, ok=True):
        """Runs mpremote; its output with the device's \r\n (printed
        text is cooked, as on a board) turned into \n."""
        p = subprocess.run([MPREMOTE, "connect", self.port, *args], cwd=self.host,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        p.stdout = p.stdout.replace(b"\r\n", b"\n")
        if ok:
            self.assertEqual(p.returncode, 0, (args, p.stdout, p.stderr))
        return p

    def host_file(self, name, data):
        with open(os.path.join(self.host, name), "wb") as f:
            f.write(data)

    def test_exec_eval_run(self):
        self.assertEqual(self.mp("resume", "exec", "print(1+2)").stdout, b"3\n")
        self.assertEqual(self.mp("resume", "eval", "6*7").stdout, b"42\n")
        self.mp("resume", "exec", "kept = 'yes'")
        self.assertEqual(self.mp("resume", "eval", "kept").stdout, b"yes\n")
        self.host_file("script.py", b"import sys\nprint('ran on', sys.platform)\n")
        self.assertEqual(self.mp("resume", "run", "script.py").stdout, b"ran on linux\n")
        p = self.mp("resume", "exec", "1/0", ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"ZeroDivisionError: divide by zero", p.stdout + p.stderr)

    def test_soft_reset(self):
        # Without "resume", mpremote soft resets the device first.
        self.mp("resume", "exec", "gone = 1")
        self.assertEqual(self.mp("eval", "'gone' in globals()").stdout, b"False\n")
        self.assertEqual(self.mp("soft-reset", "eval", "1").stdout, b"1\n")

    def test_fs_both_ways(self):
        text = b"hello from the host\n" * 40
        binary = bytes(range(256)) * 5
        self.host_file("t.txt", text)
        self.host_file("b.bin", binary)
        self.mp("resume", "fs", "mkdir", ":d")
        self.assertTrue(os.path.isdir(os.path.join(self.device, "d")))
        self.mp("resume", "fs", "cp", "t.txt", ":d/t.txt")
        self.mp("resume", "fs", "cp", "b.bin", ":d/b.bin")
        with open(os.path.join(self.device, "d", "b.bin"), "rb") as f:
            self.assertEqual(f.read(), binary)
        ls = self.mp("resume", "fs", "ls", ":d").stdout.decode()
        self.assertRegex(ls, r"\n\s+%d t.txt\n" % len(text))
        self.assertRegex(ls, r"\n\s+%d b.bin\n" % len(binary))
        self.assertEqual(self.mp("resume", "fs", "cat", ":d/t.txt").stdout, text)
        self.mp("resume", "fs", "cp", ":d/b.bin", "back.bin")
        with open(os.path.join(self.host, "back.bin"), "rb") as f:
            self.assertEqual(f.read(), binary)
        out = self.mp("resume", "fs", "sha256sum", ":d/b.bin").stdout.decode()
        self.assertIn(hashlib.sha256(binary).hexdigest(), out)
        # Same content: mpremote compares hashes (hashlib + readinto on the device).
        self.assertIn(b"Up to date", self.mp("resume", "fs", "cp", "b.bin", ":d/b.bin").stdout)
        self.mp("resume", "fs", "rm", ":d/t.txt")
        self.mp("resume", "fs", "rm", ":d/b.bin")
        self.mp("resume", "fs", "rmdir", ":d")
        self.assertFalse(os.path.exists(os.path.join(self.device, "d")))
        p = self.mp("resume", "fs", "rm", ":nothing.txt", ok=False)
        self.assertNotEqual(p.returncode, 0)

    def test_mount(self):
        self.host_file("m.py", b"import sys\nX = 5\nprint('m imported from', __file__)\n")
        p = self.mp("resume", "mount", ".", "exec", "import m; print(m.X * 2)")
        self.assertIn(b"m imported from m.py", p.stdout)
        self.assertIn(b"10", p.stdout)
        # Files of the mounted directory are readable and writable.
        self.host_file("data.txt", b"line1\nline2\n")
        p = self.mp("resume", "mount", ".", "exec",
                    "print(open('data.txt').readlines())\nf = open('out.txt', 'w')\nf.write('written')\nf.close()")
        self.assertIn(b"['line1\\n', 'line2\\n']", p.stdout)
        with open(os.path.join(self.host, "out.txt")) as f:
            self.assertEqual(f.read(), "written")

    def test_raw_paste_upload_of_20k(self):
        lines = ["values = []"]
        i = 0
        while sum(len(line) + 1 for line in lines) < 20 * 1024:
            lines.append("values.append(%d * %d)  # padding to make the script large" % (i, i))
            i += 1
        lines.append("print(len(values), sum(values))")
        src = "\n".join(lines) + "\n"
        self.assertGreater(len(src), 20 * 1024)
        self.host_file("big.py", src.encode())
        expected = "%d %d\n" % (i, sum(k * k for k in range(i)))
        self.assertEqual(self.mp("resume", "run", "big.py").stdout, expected.encode())


if __name__ == "__main__":
    unittest.main()
