HELLO = 'hello from helper'
counter = 0
def bump():
    global counter
    counter += 1
    return counter
_hidden = 1
