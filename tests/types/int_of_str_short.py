# int() of short decimal strs (desktop: parsed first), and of texts that
# take the general path.
for s in ['0', '7', '42', '-17', '+8', ' 12 ', '\t-3\n', '000123', '123456789012345678',
          '1234567890123456789', '-99999999999999999999', '1_000', '12a', '', ' ', '-', '+ 1',
          '0x10', '1.5']:
    try:
        print(repr(s), int(s))
    except ValueError as e:
        print(repr(s), 'ValueError')
class S(str):
    pass
print(int(S('41')) + 1)
print(int('10', 2), int('z', 36))
