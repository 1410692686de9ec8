import pkg.cycle_x
Y = 'y'
