x = 'identifier_long_name'
identifier_long_name = 1
y = 'identifier_long_name'
z = 'NotImplementedError'
w = 'KeyboardInterrupt'
v = 'StopAsyncIteration'
u = '__init__'
t = 'some long string'
