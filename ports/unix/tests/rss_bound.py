#!/usr/bin/env python3
"""The heap is the memory: with `-X heapsize=16M`, filling the heap with
small objects grows the process's peak RSS by no more than 5% above 16 MiB
(issue 7). Also checks `gc.mem_free() + gc.mem_alloc() == heapsize` before
and after. The interpreter reports its own peak RSS (VmHWM from
/proc/self/status) so nothing of this harness is counted.

  python3 ports/unix/tests/rss_bound.py BINARY
"""
import subprocess
import sys
import tempfile

HEAP = 16 * 1024 * 1024

PRELUDE = """
import gc
def hwm():
    with open('/proc/self/status') as f:
        for line in f.read().split('\\n'):
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
"""
IDLE = PRELUDE + "print(gc.mem_free() + gc.mem_alloc(), hwm())\n"
FILL = PRELUDE + """
keep = []
n = 0
try:
    while True:
        keep.append((n, n))
        n += 1
except MemoryError:
    pass
keep = None
gc.collect()
print(gc.mem_free() + gc.mem_alloc(), hwm(), n)
"""


def run(binary, src):
    with tempfile.NamedTemporaryFile('w', suffix='.py') as f:
        f.write(src)
        f.flush()
        p = subprocess.run([binary, "-X", "heapsize=%d" % HEAP, f.name], stdout=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("rss_bound: %s exited with status %d" % (binary, p.returncode))
    return [int(x) for x in p.stdout.split()]


def main():
    binary = sys.argv[1]
    total, idle = run(binary, IDLE)
    if total != HEAP:
        sys.exit("rss_bound: mem_free + mem_alloc = %d, expected %d" % (total, HEAP))
    total, full, n = run(binary, FILL)
    if total != HEAP:
        sys.exit("rss_bound: after filling, mem_free + mem_alloc = %d" % total)
    grown = full - idle
    limit = HEAP // 1024 * 105 // 100
    print("rss_bound: %d tuples filled the heap; peak RSS %d KiB idle, %d KiB full: "
          "grew %d KiB (limit %d KiB = heap + 5%%)" % (n, idle, full, grown, limit))
    if grown > limit:
        sys.exit("rss_bound: FAIL: the process grew more than the heap")


if __name__ == "__main__":
    main()
