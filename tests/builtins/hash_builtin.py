print(hash(0), hash(1), hash(-1) == hash(-1), hash(True) == hash(1))
print(hash('abc') == hash('abc'), hash((1, 2)) == hash((1, 2)), hash(b'x') == hash(b'x'))
print(hash(2.0) == hash(2), hash(None) == hash(None))
class H:
    def __hash__(self):
        return 12345
print(hash(H()))
class D:
    pass
o = D()
print(hash(o) == hash(o))
