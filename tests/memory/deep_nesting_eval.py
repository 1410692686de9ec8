# Very deep nesting must not crash the interpreter: CPython raises
# SyntaxError, MicroPython may raise (RuntimeError/MemoryError) or succeed.
# The wasm oracle's parser takes quadratic time here, so it gets a smaller depth.
import sys
N = 5000 if sys.platform == 'webassembly' else 100000
def attempt(src):
    try:
        r = eval(src)
        return 'ok' if r is not None else 'bad value'
    except Exception:
        return 'ok'
print(attempt('(' * N + ')' * N))
# (1000 lists: building a 5000-deep list takes seconds when every
# allocation collects, the gc-stress build, as each collection marks the
# chain through its bounded mark stack.)
print(attempt('[' * 1000 + ']' * 1000))
print(attempt('(' * 5000 + '1' + ')' * 5000))
print('alive')
