# exit: 1
try:
    raise KeyboardInterrupt
except KeyboardInterrupt:
    print('caught KeyboardInterrupt')
raise NotImplementedError('not yet')
