class Registry:
    instances = []
    def __init__(self, name):
        self.name = name
        Registry.instances.append(self)
    @classmethod
    def names(cls):
        return [i.name for i in cls.instances]
    @staticmethod
    def helper(x):
        return x.upper()
Registry('a'); Registry('b')
print(Registry.names(), Registry.helper('q'), len(Registry.instances))
class Sub(Registry):
    pass
Sub('c')
print(Sub.names(), Registry.instances is Sub.instances)
