import sys
try:
    sys.exit(5)
except SystemExit as e:
    print('caught SystemExit', e.args)
try:
    raise SystemExit
except SystemExit as e:
    print('bare', e.args)
print('still running')
