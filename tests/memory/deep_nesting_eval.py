# Very deep nesting must not crash the interpreter: CPython raises
# SyntaxError, MicroPython may raise (RuntimeError/MemoryError) or succeed.
def attempt(src):
    try:
        r = eval(src)
        return 'ok' if r == () or r == [] or r == 1 else 'bad value'
    except Exception:
        return 'ok'
print(attempt('(' * 100000 + ')' * 100000))
print(attempt('[' * 5000 + ']' * 5000))
print(attempt('(' * 5000 + '1' + ')' * 5000))
print('alive')
