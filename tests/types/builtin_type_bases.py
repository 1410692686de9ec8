# __bases__ of built-in types and of classes deriving from them.
print(int.__bases__, object.__bases__, type.__bases__, dict.__bases__)
print(KeyError.__bases__, OSError.__bases__, Exception.__bases__, BaseException.__bases__)


class L(list):
    pass


print(L.__bases__, L.__bases__[0].__bases__)
