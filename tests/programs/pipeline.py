# A generator pipeline: a synthetic log stream is produced, parsed,
# filtered, windowed, aggregated and joined, entirely with generators,
# yield from, send() coroutines and generator expressions.
# Scale: number of log records (default 3000).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


SERVICES = ['auth', 'db', 'cache', 'api', 'queue']
LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR']


def source(n, seed=12345):
    """Yield raw log lines."""
    s = seed
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        svc = SERVICES[(s >> 8) % len(SERVICES)]
        lvl = LEVELS[(s >> 12) % len(LEVELS)]
        latency = (s >> 16) % 500
        yield '%06d %s %s latency=%d' % (i, svc, lvl, latency)


def parse(lines):
    for line in lines:
        ts, svc, lvl, kv = line.split(' ')
        key, val = kv.split('=')
        yield {'t': int(ts), 'svc': svc, 'lvl': lvl, key: int(val)}


def only(records, **conds):
    for r in records:
        if all(r[k] in v for k, v in conds.items()):
            yield r


def window(records, size):
    buf = []
    for r in records:
        buf.append(r)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def chained(*iterables):
    for it in iterables:
        yield from it


def averager():
    """Coroutine: send numbers, receive running mean."""
    total = 0
    count = 0
    mean = None
    while True:
        value = yield mean
        if value is None:
            return (count, total)
        total += value
        count += 1
        mean = total / count


def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def group_stats(records):
    stats = {}
    for r in records:
        s = stats.setdefault(r['svc'], [0, 0, 0])
        s[0] += 1
        s[1] += r['latency']
        if r['latency'] > s[2]:
            s[2] = r['latency']
    return stats


def running_max(values):
    best = None
    for v in values:
        if best is None or v > best:
            best = v
        yield best


def main():
    n = parse_scale(3000)
    print('first lines:')
    for line in take(3, source(n)):
        print(' ', line)
    stats = group_stats(parse(source(n)))
    for svc in sorted(stats):
        c, tot, mx = stats[svc]
        print('%-6s count %5d mean %7.2f max %3d' % (svc, c, tot / c, mx))
    errors = list(only(parse(source(n)), lvl=('ERROR',), svc=('db', 'api')))
    print('db/api errors:', len(errors), 'first at', errors[0]['t'] if errors else None)
    sizes = [len(w) for w in window(only(parse(source(n)), lvl=('WARN', 'ERROR')), 50)]
    print('windows:', len(sizes), 'last size:', sizes[-1] if sizes else 0)
    avg = averager()
    next(avg)
    mean = None
    for r in only(parse(source(n)), svc=('cache',)):
        mean = avg.send(r['latency'])
    try:
        avg.send(None)
    except StopIteration as e:
        count, total = e.value
    print('cache mean %.3f over %d' % (mean, count), total == round(mean * count))
    peaks = list(running_max(r['latency'] for r in take(200, parse(source(n)))))
    print('running max changes:', len(set(peaks)), 'final', peaks[-1])
    both = chained(take(2, source(n)), take(2, source(n, seed=99)))
    print('chained:', [line.split(' ')[1] for line in both])
    total = sum(r['latency'] for r in parse(source(n)) if r['lvl'] != 'DEBUG')
    print('non-debug latency total:', total)
    hist = [0] * 5
    for r in parse(source(n)):
        hist[r['latency'] // 100] += 1
    print('latency histogram:', hist)


main()
