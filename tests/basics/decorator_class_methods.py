def logged(f):
    def w(self, *a):
        self.log.append(f.__name__)
        return f(self, *a)
    return w
class Svc:
    def __init__(self):
        self.log = []
    @logged
    def start(self):
        return 'started'
    @logged
    def stop(self, code):
        return 'stopped %d' % code
s = Svc()
print(s.start(), s.stop(3), s.log)
def with_attr(cls):
    cls.tagged = True
    return cls
@with_attr
class T:
    pass
print(T.tagged)
