#!/usr/bin/env python3
"""Prints the cargo errors whose primary location matches one of the given
regex patterns (reads cargo output on stdin). Conversion aid."""
import sys,re,subprocess
# usage: errs.py pattern... ; reads cargo output from stdin; prints errors whose primary span file matches
pats=sys.argv[1:]
txt=sys.stdin.read()
blocks=re.split(r'\n(?=(?:error|warning)(?:\[\w+\])?: )',txt)
n=0
for b in blocks:
    if not b.startswith('error'): continue
    m=re.search(r'-->\s+(\S+?):(\d+):',b)
    if not m: continue
    f=m.group(1)
    if any(re.search(p,f) for p in pats):
        n+=1
        print(b[:1500]); print('---')
print('count',n)
