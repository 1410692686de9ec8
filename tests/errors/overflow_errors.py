def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: 1 << -1)
show(lambda: 10.0 ** 400)
show(lambda: int(float('inf')))
show(lambda: int(float('nan')))
