print('MiXeD'.lower(), 'MiXeD'.upper())
print('ab'.upper().lower() == 'ab')
