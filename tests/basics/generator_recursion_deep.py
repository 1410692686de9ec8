# Generators resuming generators without end: a recursion error (CPython's
# RecursionError is a RuntimeError), not heap exhaustion; afterwards
# generators work as before.
def r():
    yield next(r())


try:
    next(r())
except RuntimeError:
    print("deep next: RuntimeError")


def chain(n):
    if n == 0:
        yield 1
    else:
        yield from chain(n - 1)


try:
    print(sum(chain(100000)))
except RuntimeError:
    print("deep yield from: RuntimeError")


def through_list(n):
    if n:
        yield from list(through_list(n - 1))
    yield n


try:
    print(len(list(through_list(100000))))
except RuntimeError:
    print("deep list: RuntimeError")
print(sum(chain(50)))
print(list(through_list(4)))
print(list(chain(3)))
