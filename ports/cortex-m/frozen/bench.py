"""Timing helpers for code on the board (frozen into the firmware).

    import bench
    bench.time_us(f, 1000)         # microseconds for f(1000)
    bench.run_module("prog", 5)    # import prog with sys.argv = ["prog", "5"]

Under QEMU with `-icount shift=0` a microsecond of virtual time is exactly
1000 executed instructions (bench/board_speed.py relies on it).
"""
import gc
import sys
import time


def time_us(f, *args):
    """Runs f(*args) after a collection; returns the microseconds it took."""
    gc.collect()
    t = time.ticks_us()
    f(*args)
    return time.ticks_diff(time.ticks_us(), t)


def run_module(name, *argv):
    """Imports module `name` (afresh) with sys.argv = [name, *argv] after a
    collection; returns the microseconds the import took."""
    sys.argv[:] = [name] + [str(a) for a in argv]
    if name in sys.modules:
        del sys.modules[name]
    return time_us(__import__, name)
