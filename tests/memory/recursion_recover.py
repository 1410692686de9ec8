# Unbounded recursion raises RuntimeError (RecursionError on CPython, a
# subclass); the interpreter must recover and continue.
def down(n):
    return down(n + 1) + 1
for attempt in range(3):
    try:
        down(0)
    except RuntimeError:
        print('recursion caught', attempt)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(50))
