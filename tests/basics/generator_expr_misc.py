g = (x for x in range(3))
print(iter(g) is g)
print(list(g), list(g))
def count():
    n = 0
    while True:
        yield n
        n += 1
print(list(zip(count(), 'abc')))
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
for v in gen_finally():
    print(v)
print(max(x % 7 for x in range(20)), min((x for x in 'hello')))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
