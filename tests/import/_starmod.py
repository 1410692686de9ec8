PUBLIC = 'public'
def public_func():
    return 'pf'
_underscore = 'private'
