class Recorder:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        self.t = t
        self.v = v
        return True
with Recorder() as r:
    raise KeyError('info')
print(r.t is KeyError, r.v.args)
with Recorder() as r2:
    pass
print(r2.t, r2.v)
def nested():
    with Recorder() as outer:
        with Recorder() as inner:
            raise ValueError(1)
        raise TypeError(2)
    return inner.t.__name__, outer.t.__name__
print(nested())
