# skip-test
"""UART receive buffers larger than the default 64 bytes (`rxbuf`): the
ring is then a buffer in the gc heap (as official MicroPython allocates
its read buffer), kept alive while the UART uses it, and given up at a
soft reset.

On each QEMU board, with the board's second serial port joined to an
echo peer that answers each line upper-cased (test_hw.EchoBoard):
- rxbuf=300: a 269-byte line echoed while Python is busy (and collecting
  garbage) is kept whole; rxbuf=100 keeps the first 100 bytes;
- back to rxbuf=8 (the board's own storage) after a heap buffer;
- after a soft reset (the heap a 1000-byte ring was in is a new heap,
  filled with fresh objects) the default 64-byte ring works.

    python3 tests/firmware/test_uart_rxbuf.py [--board B]... [-v]

Ends with "uart rxbuf: N passed, N failed".
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from test_hw import EchoBoard, HW, main_for_boards, run_src  # noqa: E402

BUSY = """\
def busy(ms):
    s = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), s) < ms:
        l = [str(i) for i in range(20)]
        gc.collect()
"""

LARGE = """\
import machine, time, gc
%s
u = machine.UART({uart}, 115200, timeout=200, rxbuf=300)
line = bytes(range(97, 123)) * 10 + b'abcdefgh\\n'
u.write(line)
busy(400)
print(u.any())
got = u.read(256)
got += u.read(256)
print(len(got), got == line.upper(), u.any())
u.init(115200, timeout=200, rxbuf=100)
u.write(line)
busy(400)
got = u.read(256)
print(len(got), got == line.upper()[:100], u.any())
u.init(115200, timeout=200, rxbuf=8)
u.write(b'abcdefghijklmnop\\n')
busy(300)
print(u.any(), u.read(), u.any())
u.init(115200, timeout=200, rxbuf=1000)
""" % BUSY

AFTER_RESET = """\
import machine, time, gc
%s
junk = [bytes(100) for i in range(50)]
u = machine.UART({uart}, 115200, timeout=200)
u.write(b'x' * 100 + b'\\n')
busy(400)
print(u.any(), u.read() == b'X' * 64, all(j == bytes(100) for j in junk))
u.write(b'ok\\n')
print(u.readline())
""" % BUSY


def check_board(checks, name, elf):
    uart = HW[name][1]
    with EchoBoard(checks, name, elf) as b:
        checks.run("%s rxbuf 300/100/8" % name, run_src, b, LARGE.format(uart=uart),
                   "269\n269 True 0\n100 True 0\n8 b'ABCDEFGH' 0\n")
        checks.run("%s rxbuf after soft reset" % name, check_after_reset, b, uart)


def check_after_reset(b, uart):
    b.raw_soft_reset()
    run_src(b, AFTER_RESET.format(uart=uart), "64 True True\nb'OK\\n'\n")


def main():
    return main_for_boards(__doc__, "uart rxbuf", check_board)


if __name__ == "__main__":
    sys.exit(main())
