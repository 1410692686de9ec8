# Frozen as `_boot` into bench/board_speed.py's benchmark images: runs at
# every boot. Reads "NAME SCALE" from the console, runs program NAME
# (frozen from tests/programs) at SCALE and prints the microseconds it took
# (instructions / 1000 under QEMU -icount shift=0); an empty line goes on
# to the REPL.
import sys

print("@@ready")
_args = sys.stdin.readline().split()
if _args:
    import bench

    print("@@start", _args[0])
    try:
        print("@@time", _args[0], bench.run_module(_args[0], int(_args[1])))
    except Exception as e:
        print("@@time", _args[0], "error", type(e).__name__)
