# int() of one-character strs (digits are answered from the character).
for c in '0123456789':
    print(int(c), int(c) + 1, type(int(c)))
for t in ('/', ':', 'a', ' 5', '5 ', ''):
    try:
        print(int(t))
    except ValueError as e:
        print('ValueError')
print(int('0' + '7'), int(str(5)), int('-3'), sum(int(c) for c in '31415926'))
