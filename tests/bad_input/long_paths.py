# Paths far longer than a file name may be (in a directory that does not
# exist): every file-system call raises OSError, an import fails, nothing
# crashes.
import os

long = "nodir/" + "x" * 1000
calls = [open, os.stat, os.mkdir, os.remove, os.rmdir, os.chdir, os.listdir, lambda p: os.rename(p, p + "z")]
for f in calls:
    try:
        f(long)
        print("no error")
    except OSError:
        print("OSError")
try:
    __import__("x" * 1000)
    print("imported")
except (ImportError, RuntimeError):
    # (the WebAssembly oracle says RuntimeError: name too long)
    print("import failed")
