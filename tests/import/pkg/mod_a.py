print('mod_a loaded')
A = 'a'
def fa():
    return 'fa'
_private = 'hidden'
