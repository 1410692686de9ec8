e = ValueError(1, 'two', [3])
print(e.args, len(e.args), str(e))
e = ValueError('single')
print(e.args, str(e))
e = ValueError()
print(e.args, repr(str(e)))
e = KeyError('k')
print(e.args)
try:
    raise OSError(2, 'No such file')
except OSError as e:
    print(e.args[0], e.args[1], e.errno)
e = Exception('a')
print(isinstance(e, BaseException), e.args[0])
