import pkg.cycle_x
print(pkg.cycle_x.X, pkg.cycle_x.get_y())
