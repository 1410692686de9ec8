import pkg.cycle_y
X = 'x'
def get_y():
    return pkg.cycle_y.Y
