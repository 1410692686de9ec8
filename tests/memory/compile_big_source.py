# cmdline: -X heapsize=16k
# Compiling a source far too big for the heap raises MemoryError (the
# compiler's working memory is bounded by the heap's free memory), which
# the script catches and goes on: exec, eval and compile then work on
# small sources. (CPython and the growing wasm heap compile it.)
import sys
fixed_heap = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'

def attempt(f):
    try:
        f()
        return 'fits'
    except MemoryError:
        return 'MemoryError'

def check(r):
    print(r == 'MemoryError' if fixed_heap else True)

big = 'x = [' + '1,' * 2000 + ']\n'
check(attempt(lambda: exec(big)))
check(attempt(lambda: compile(big, 'big', 'exec')))
big = None
expr = '1+' * 2000 + '1'
check(attempt(lambda: eval(expr)))
expr = None
defs = 'def f(a):\n    return a\n' * 150
check(attempt(lambda: exec(defs, {})))
defs = None

exec('y = 6 * 7')
print(y)
print(eval('[i * i for i in range(5)]'))
c = compile('z = y + 1', 'small', 'exec')
exec(c)
print(z)
