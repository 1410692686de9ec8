def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
class C:
    pass
show(lambda: C().missing)
show(lambda: (1).missing)
show(lambda: 'str'.missing)
show(lambda: [].missing)
show(lambda: None.missing)
show(lambda: C.missing)
