# A first script for micropython-rs.
import sys


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print("Hello from", sys.implementation.name)
print("fib(90) =", fib(90))
print("2**100 =", 2**100)
print([x * x for x in range(10)])
