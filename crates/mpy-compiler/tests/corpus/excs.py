try:
    a()
except:
    pass
try:
    a()
except E:
    b()
try:
    a()
except (E1, E2) as e:
    print(e)
except E3:
    pass
else:
    c()
try:
    a()
finally:
    d()
try:
    try:
        a()
    except E as e:
        raise
finally:
    pass
def f():
    try:
        return 1
    finally:
        print('x')
def g():
    with open('f') as fp:
        return fp.read()
def h():
    for i in x:
        try:
            if i:
                break
            continue
        finally:
            pass
def k():
    while True:
        try:
            try:
                break
            except:
                pass
        except:
            continue
with a, b as (c, d), e.f as g.h:
    pass
with x:
    with y:
        pass
raise ValueError('bad')
raise ValueError from None
assert x > 0, "positive"
assert y
