o = object()
print(type(o).__name__, isinstance(o, object))
try:
    o.x = 1
except AttributeError:
    print('no attrs on object()')
print(object() != object())
class S(object):
    pass
print(issubclass(S, object), S.__bases__[0] is object)
