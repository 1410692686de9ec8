import time
t0 = time.time()
print(isinstance(t0, (int, float)), t0 > 1e9)
time.sleep(0.01)
time.sleep(0)
t1 = time.time()
print(t1 >= t0)
