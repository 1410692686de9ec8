# cmdline: -X heapsize=16k
# A dict and a set that keep a steady size while entries are deleted and
# added many times (from the end, the front and the middle): no growth, no
# lost entries.
# (In a function: the module namespace itself must not grow mid-test,
# which at 16k can need a larger contiguous run than the churn leaves.)
def main():
    d = {}
    for i in range(40):
        d[i] = i * i
    for i in range(40, 6000):
        k = max(d)
        v = d.pop(k)
        d[i] = v + k
        if i % 3 == 0:
            del d[min(d)]
            d[-i] = 1
    print(len(d), sum(d.keys()) % 100003, sum(d.values()) % 100003)
    s = set(range(20))
    for i in range(20, 6000):
        s.discard(i - 20)
        s.add(i)
    print(len(s), min(s), max(s), sum(s))
    t = {}
    for i in range(3000):
        t['k%d' % (i % 50)] = i
        if i % 7 == 0:
            t.pop('k%d' % ((i * 3) % 50), None)
    print(len(t), sum(t.values()))
    small = {}
    for i in range(5000):
        small[i % 5] = i
        if i % 2:
            small.pop((i * 3) % 5, None)
    print(sorted(small.items()))


main()
