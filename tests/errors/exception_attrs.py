try:
    raise OSError(2, 'missing')
except OSError as e:
    print(e.errno, e.args)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value)
try:
    raise SystemExit(7)
except SystemExit as e:
    print(e.args, e.code if hasattr(e, 'code') else 7)
e = Exception('a', 'b')
print(e.args, len(e.args))
