try:
    import no_such_module_abc
except ImportError as e:
    print('ImportError for missing module')
try:
    from pkg import no_such_name
except ImportError:
    print('ImportError for missing name')
try:
    from _helper import missing_thing
except ImportError:
    print('ImportError from module')
try:
    import pkg.no_such_sub
except ImportError:
    print('ImportError for missing submodule')
