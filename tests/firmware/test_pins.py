# skip-test
"""Pins, LEDs, ADC, interrupt-driven UART receive, ticks_cpu and the
heap-locked MemoryError on each QEMU board.

What QEMU 7.2 models decides what is checked for real:
- GPIO: neither board's GPIO is modelled (writes vanish, reads give 0),
  so output pins read back the firmware's shadow of what was written,
  and input pins read 0. mps2-an386's FPGAIO LED register is modelled:
  `Pin('LED0')` is checked through it with machine.mem32.
- Pin.irq on netduinoplus2: SYSCFG and EXTI are modelled, so the
  routing and edge registers are checked; edges cannot happen (no GPIO
  model, and EXTI's software trigger is not modelled).
- ADC (netduinoplus2): QEMU's model makes up samples (each conversion 7
  more than the last, 12 bits), so successive reads are checked.
- UART receive: a second serial port (TCP) the test answers; bytes that
  arrive while Python is busy wait in the interrupt-filled ring.
- ticks_cpu: QEMU has no DWT cycle counter, so it falls back to
  microseconds.

    python3 tests/firmware/test_pins.py [--board B]... [-v]

Ends with "pins: N passed, N failed".
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from test_hw import EchoBoard, main_for_boards, run_src  # noqa: E402

COMMON = [
    ("Pin output shadow", """\
from machine import Pin
p = Pin({out!r}, Pin.OUT)
print(p.value(), p.mode() == Pin.OUT, p.pull() == Pin.PULL_NONE)
p.on(); print(p.value(), p())
p.toggle(); print(p.value())
p(1); print(p.value()); p.low(); print(p.value()); p.high(); print(p.value())
p.value(0); print(p.value())
q = Pin({inp!r}, mode=Pin.IN, pull=Pin.PULL_UP)
print(q.value(), q.pull() == Pin.PULL_UP, q)
q.init(Pin.OPEN_DRAIN, value=1); print(q.value(), q.mode() == Pin.OPEN_DRAIN)
q.mode(Pin.IN); print(q.value())
print(Pin({out!r}) .value(), Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.ALT, Pin.PULL_UP, Pin.PULL_DOWN)
for bad in ('Z1', 'A16', 'A01', '', 999, -1):
    try:
        Pin(bad)
    except ValueError as e:
        print(e)
try:
    Pin({out!r}, 7)
except ValueError as e:
    print(e)
""", "0 True True\n1 1\n0\n1\n0\n1\n0\n0 True {inp_repr}\n1 True\n0\n0 0 1 17 2 1 2\n"
         + "invalid pin\n" * 6 + "invalid pin mode\n"),
    ("Signal", """\
from machine import Pin, Signal
s = Signal(Pin({out!r}, Pin.OUT), invert=True)
s.on(); print(s.value(), s(), Pin({out!r}).value())
s.off(); print(s.value(), Pin({out!r}).value())
s(1); print(Pin({out!r}).value())
t = Signal({out!r}, Pin.OUT)
t.on(); print(t.value(), Pin({out!r}).value())
t.value(0); print(t(), Pin({out!r}).value(), t)
""", "1 1 0\n0 1\n0\n1 1\n0 0 <Signal>\n"),
    ("ticks_cpu", """\
import time
a = time.ticks_cpu(); time.sleep_ms(20); d = time.ticks_diff(time.ticks_cpu(), a)
print(20000 <= d < 200000)
m = [time.ticks_cpu() for i in range(20)]
print(all(time.ticks_diff(m[i + 1], m[i]) >= 0 for i in range(19)))
""", "True\nTrue\n"),
    ("heap-locked MemoryError", """\
import micropython
micropython.heap_lock()
try:
    x = [1, 2, 3]
except MemoryError as e:
    micropython.heap_unlock()
    print(repr(e))
try:
    bytearray(1 << 29)
except MemoryError as e:
    print(repr(e))
""", "MemoryError('memory allocation failed, heap is locked',)\nMemoryError()\n"),
]

NETDUINO = [
    ("board pin names", """\
from machine import Pin
print(Pin('A0'), Pin('PA0'), Pin('LED'), Pin('D0'), Pin('SW'), Pin(16))
""", "Pin(Pin.cpu.C0, mode=Pin.IN) Pin(Pin.cpu.A0, mode=Pin.IN) Pin(Pin.cpu.A10, mode=Pin.IN) "
         "Pin(Pin.cpu.C7, mode=Pin.IN) Pin(Pin.cpu.B11, mode=Pin.IN) Pin(Pin.cpu.B0, mode=Pin.IN)\n"),
    ("pyb.LED", """\
import pyb
from machine import Pin
l = pyb.LED(1)
l.on(); print(l, l.intensity(), Pin('LED').value(), Pin('LED').mode() == Pin.OUT)
l.toggle(); print(l.intensity(), Pin('LED').value())
l.intensity(100); print(l.intensity()); l.intensity(0); print(l.intensity())
pyb.LED(2).on(); print(pyb.LED(4).intensity(), Pin('C13').value()); pyb.LED(4).off(); print(pyb.LED(2).intensity())
for bad in (0, 5):
    try:
        pyb.LED(bad)
    except ValueError as e:
        print(e)
""", "LED(1) 255 1 True\n0 0\n255\n0\n255 1\n0\nLED doesn't exist\nLED doesn't exist\n"),
    ("Pin.irq EXTI routing", """\
import machine
from machine import Pin
EXTI, EXTICR1 = 0x40013C00, 0x40013808
n = []
p = Pin('PC2', Pin.IN)
p.irq(lambda p: n.append(p), Pin.IRQ_RISING)
m = machine.mem32
print(m[EXTI] >> 2 & 1, m[EXTI + 8] >> 2 & 1, m[EXTI + 12] >> 2 & 1, m[EXTICR1] >> 8 & 15)
p.irq(lambda p: n.append(p), Pin.IRQ_FALLING)
print(m[EXTI] >> 2 & 1, m[EXTI + 8] >> 2 & 1, m[EXTI + 12] >> 2 & 1)
p.irq(None)
print(m[EXTI] >> 2 & 1, n)
""", "1 1 0 2\n1 0 1\n0 []\n"),
    ("ADC conversions", """\
import pyb
from machine import ADC, Pin
a = ADC(Pin('A0'))
v = [a.read() for i in range(5)]
print(a, all((v[i + 1] - v[i]) % 4096 == 7 for i in range(4)), Pin('A0').mode() == Pin.ANALOG)
u = a.read_u16(); r = a.read()
print((r - (u >> 4)) % 4096 == 7, u & 15 == u >> 12)
print(ADC(16), 0 <= ADC(17).read_u16() <= 65535, 0 <= pyb.ADC('A5').read() < 4096)
for bad in (19, -1, 'D4', 'Z'):
    try:
        ADC(bad)
    except ValueError as e:
        print(e)
""", "<ADC channel=10> True True\nTrue True\n<ADC channel=16> True True\n"
         "ADC channel doesn't exist\nADC channel doesn't exist\npin has no ADC channel\ninvalid pin\n"),
]

MPS2 = [
    ("FPGAIO LEDs", """\
import machine
from machine import Pin, Signal
LED = 0x40028000
machine.mem32[LED] = 0
l0 = Pin('LED0', Pin.OUT); l1 = Pin('LED1', Pin.OUT)
l0.on(); print(machine.mem32[LED], l0.value(), l0)
l1.on(); l0.off(); print(machine.mem32[LED], l0.value(), l1.value())
machine.mem32[LED] = 1; print(Pin('LED0').value(), Pin('LED1').value())
s = Signal(Pin('LED1'), invert=True); s.on(); print(machine.mem32[LED])
l1.toggle(); print(machine.mem32[LED])
""", "1 1 Pin(Pin.board.LED0, mode=Pin.OUT)\n2 0 1\n1 0\n1\n3\n"),
    ("no Pin.irq, no ADC", """\
from machine import Pin, ADC
try:
    Pin('A0').irq(lambda p: 0)
except ValueError as e:
    print(e)
Pin('A0').irq(None)
try:
    ADC(0)
except ValueError as e:
    print(e)
""", "Pin.irq not supported\nADC channel doesn't exist\n"),
]

# board -> (output pin, input pin, its repr after init, UART on serial 1)
PINS = {
    "netduinoplus2": ("D13", "PA1", "Pin(Pin.cpu.A1, mode=Pin.IN, pull=Pin.PULL_UP)", 2),
    "mps2-an386": ("B3", "A1", "Pin(Pin.cpu.A1, mode=Pin.IN, pull=Pin.PULL_UP)", 1),
}


def check_uart_irq(b, uart):
    """Bytes arriving while Python is busy are kept (ring filled by the
    receive interrupt); rxbuf bounds the ring; readinto."""
    src = """\
import machine, time
u = machine.UART(%d, 115200, timeout=1000)
u.write(b'interrupt driven\\n')
s = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), s) < 300:
    pass
print(u.any())
b = bytearray(10)
print(u.readinto(b), b, u.any())
print(u.readinto(b, 3), b[:3], u.any(), u.read())
u.init(115200, timeout=200, rxbuf=8)
u.write(b'abcdefghijklmnop\\n')
time.sleep_ms(300)
print(u.any(), u.read(), u.any())
u.init(115200, timeout=0)
print(u.read(), u.any())
""" % uart
    want = ("17\n10 bytearray(b'INTERRUPT ') 7\n3 bytearray(b'DRI') 4 b'VEN\\n'\n"
            "8 b'ABCDEFGH' 0\nNone 0\n")
    run_src(b, src, want)


def check_board(checks, name, elf):
    out, inp, inp_repr, uart = PINS[name]
    with EchoBoard(checks, name, elf) as b:
        for label, src, want in COMMON + (NETDUINO if name == "netduinoplus2" else MPS2):
            src = src.format(out=out, inp=inp)
            want = want.format(inp_repr=inp_repr)
            checks.run("%s %s" % (name, label), run_src, b, src, want)
        checks.run("%s UART interrupt receive" % name, check_uart_irq, b, uart)


def main():
    return main_for_boards(__doc__, "pins", check_board)


if __name__ == "__main__":
    sys.exit(main())
