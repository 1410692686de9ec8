import sys
sys.stdout.write('written directly\n')
sys.stdout.write('no newline')
sys.stdout.write('|\n')
n = sys.stdout.write('abc\n')
print(n)
print('after', end='\n')
