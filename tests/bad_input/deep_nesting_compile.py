# Source nested far beyond what the compiler's native stack allows gives
# RuntimeError: maximum recursion depth exceeded (or MemoryError), never a
# crash, and the interpreter goes on. CPython refuses it too (SyntaxError,
# RecursionError or MemoryError); moderate nesting works everywhere.
import sys
mp = sys.implementation.name == 'micropython' and sys.platform != 'webassembly'
# (The wasm oracle's parser is quadratic here: it gets less depth.)
N = 3000 if sys.platform == 'webassembly' else 200000

def attempt(f):
    try:
        f()
        return 'ok'
    except RuntimeError as e:
        return 'RuntimeError'
    except MemoryError:
        return 'MemoryError'
    except Exception as e:
        return type(e).__name__

def check(r):
    print(r in ('RuntimeError', 'MemoryError') if mp else True)

check(attempt(lambda: eval('(' * N + '1' + ')' * N)))
check(attempt(lambda: eval('[' * N + ']' * N)))
check(attempt(lambda: eval('-' * N + '1')))
check(attempt(lambda: exec('x = ' + 'not ' * N + '1')))
check(attempt(lambda: compile('y = ' + 'lambda: ' * N + '1', 'deep', 'exec')))
print(eval('(' * 50 + '7' + ')' * 50))
print(eval('-' * 51 + '1'))
print(eval('[' * 30 + ']' * 30))
e = 'a' + '.b' * 31
class A:
    pass
a = A()
o = a
for i in range(30):
    o.b = A()
    o = o.b
o.b = 'end'
print(eval(e))
print('alive')
