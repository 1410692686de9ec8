def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: undefined_var)
def local_before():
    print(x)
    x = 1
show(local_before)
