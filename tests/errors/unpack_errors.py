def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
def too_many():
    a, b = [1, 2, 3]
def too_few():
    a, b, c = (1, 2)
def not_iter():
    a, b = 5
def star_few():
    a, b, *c = [1]
show(too_many)
show(too_few)
show(not_iter)
show(star_few)
