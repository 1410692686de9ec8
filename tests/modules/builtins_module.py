import builtins
print(builtins.len('abc'), builtins.abs(-2), hasattr(builtins, 'print'))
print(builtins.max is max)
