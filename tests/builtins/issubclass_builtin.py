print(issubclass(int, object), issubclass(str, (int, str)), issubclass(list, list))
print(issubclass(ValueError, Exception), issubclass(Exception, ValueError))
try:
    issubclass(1, int)
except TypeError:
    print('not a class')
