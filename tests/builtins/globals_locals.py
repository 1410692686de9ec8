gv = 'global value'
print('gv' in globals(), globals()['gv'])
globals()['injected'] = 42
print(injected)
print(locals() is globals(), 'gv' in locals())
print(type(globals()).__name__)
