try:
    1 / 0
except ZeroDivisionError:
    print('caught zde')
try:
    [][1]
except (KeyError, IndexError) as e:
    print('caught', type(e).__name__)
try:
    {}['k']
except LookupError as e:
    print('lookup', type(e).__name__, e.args)
try:
    try:
        int('x')
    except TypeError:
        print('bad')
except ValueError:
    print('outer caught ValueError')
try:
    pass
except Exception:
    print('bad')
else:
    print('else ran')
