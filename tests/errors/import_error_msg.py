def show(f):
    try:
        f()
    except ImportError as e:
        print(type(e).__name__ in ('ImportError', 'ModuleNotFoundError'), e)
def imp():
    import does_not_exist_zz
show(imp)
