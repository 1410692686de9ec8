class Outer:
    class Inner:
        def hello(self):
            return 'inner hello'
    def make(self):
        return self.Inner()
print(Outer().make().hello(), Outer.Inner.__name__)
def factory(base):
    class Made(base):
        def tag(self):
            return 'made from ' + base.__name__
    return Made
class Root:
    pass
print(factory(Root)().tag(), factory(object)().tag())
