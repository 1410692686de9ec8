class Base(Exception):
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    pass
for exc in (Base, Mid, Leaf, ValueError):
    try:
        raise exc('x')
    except Leaf:
        print('Leaf handler')
    except Mid:
        print('Mid handler')
    except Base:
        print('Base handler')
    except Exception:
        print('generic handler')
