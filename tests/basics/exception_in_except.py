try:
    try:
        raise ValueError('first')
    except ValueError:
        raise TypeError('second')
except TypeError as e:
    print('outer got', e)
def cleanup():
    try:
        raise KeyError(1)
    finally:
        print('finally runs before propagation')
try:
    cleanup()
except KeyError as e:
    print('got', e)
try:
    try:
        raise ValueError
    finally:
        raise IndexError
except IndexError:
    print('finally exception wins')
