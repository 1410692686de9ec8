print('pkg init')
VERSION = 1
def pkg_func():
    return 'pkg_func'
