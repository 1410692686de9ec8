# MicroPython-specific: ticks_ms/ticks_diff/sleep_ms.
import time
a = time.ticks_ms()
time.sleep_ms(5)
b = time.ticks_ms()
print(time.ticks_diff(b, a) >= 0)
print(time.ticks_diff(10, 5), time.ticks_diff(5, 10))
c = time.ticks_us()
print(type(c).__name__)
print(time.ticks_add(100, 50))
