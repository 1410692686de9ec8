def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
show(lambda: 1[0])
show(lambda: [1]['a'])
show(lambda: (1, 2)[1.5])
show(lambda: {}[[]])
show(lambda: None[0])
def assign():
    t = (1, 2)
    t[0] = 5
show(assign)
def delete():
    s = 'abc'
    del s[0]
show(delete)
