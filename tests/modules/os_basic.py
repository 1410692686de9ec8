import os
print(isinstance(os.getcwd(), str))
print(os.getcwd().endswith('modules'))
print('os_basic.py' in os.listdir('.'))
