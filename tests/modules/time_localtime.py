import time
t = time.localtime(0) if False else time.gmtime(0)
print(t[0], t[1], t[2], t[3], t[4], t[5])
t = time.gmtime(86400 * 365 + 3661)
print(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7])
