try:
    import pkg.bad_relative
except (ImportError, ValueError) as e:
    print('relative import beyond top level fails')
