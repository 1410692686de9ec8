def trial(exc):
    try:
        raise exc
    except (ValueError, TypeError) as e:
        return 'VT ' + type(e).__name__
    except (KeyError,):
        return 'K'
    except LookupError:
        return 'L'
    except Exception:
        return 'E'
for exc in [ValueError, TypeError, KeyError, IndexError, ZeroDivisionError]:
    print(trial(exc))
errs = (ArithmeticError, LookupError)
try:
    {}[0]
except errs as e:
    print('tuple var', type(e).__name__)
