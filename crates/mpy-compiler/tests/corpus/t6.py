a = not b''
a = not ()
a = not 1j
a = not ...
a = not 2.0
if 0:
    f()
if None:
    f()
if '':
    f()
if 1:
    g()
else:
    h()
if 2 - 2:
    f()
if 0.0:
    f()
while True:
    break
while 0:
    q()
x = 1 if 0 else 2
if not x:
    f()
if a and b:
    f()
if a or b:
    f()
if not (a and b):
    g()
