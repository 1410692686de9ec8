import sys
print(len(sys.argv), sys.argv[0].endswith('sys_argv_none.py'))
