print(chr(65), chr(97), chr(48), chr(0x263A), chr(0x1F600) == '\U0001F600')
print(ord('A'), ord('z'), ord('€'), ord('\n'), ord(b'A'))
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
for bad in ('', 'ab'):
    try:
        ord(bad)
    except TypeError:
        print('ord TypeError', len(bad))
try:
    chr(-1)
except ValueError:
    print('chr ValueError')
