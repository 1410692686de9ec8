# args: one two 3
import sys
print(len(sys.argv), sys.argv[1:])
print(sys.argv[0].endswith('sys_argv.py'))
