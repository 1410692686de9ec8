import gc
gc.collect()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
lst = [[i] for i in range(1000)]
lst = None
gc.collect()
print('collected')
