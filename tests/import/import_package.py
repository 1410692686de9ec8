import pkg
print(pkg.VERSION, pkg.pkg_func(), pkg.__name__)
import pkg.mod_a
print(pkg.mod_a.A, pkg.mod_a.fa())
import pkg
print('second import silent')
