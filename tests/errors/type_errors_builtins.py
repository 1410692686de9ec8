def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: abs('a'))
show(lambda: ord(1))
show(lambda: chr('a'))
show(lambda: sum([1, 'a']))
show(lambda: sorted([1, None]))
show(lambda: hash([]))
show(lambda: int([]))
show(lambda: float([]))
show(lambda: isinstance(1, 1))
