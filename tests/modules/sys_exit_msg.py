# exit: 1
import sys
print('message goes to stderr')
sys.exit('fatal: bye')
