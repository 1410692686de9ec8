# int() of long decimal texts: runs of digits taken eight at a time, mixed
# with underscores, signs, whitespace and bad characters at every offset.
digits = '31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679'
for n in (1, 7, 8, 9, 15, 16, 17, 18, 19, 20, 31, 32, 33, 38, 39, 40, 64, 100):
    t = digits[:n]
    v = int(t)
    print(n, v, str(v) == t.lstrip('0') or t.strip('0') == '', int('-' + t) == -v, int(' +' + t + '\n') == v)
print(int('0' * 40), int('0' * 39 + '7'), int('9' * 57), int('1' + '0' * 64))
print(int('12345678_12345678_12345678'), int('1_2345678123456781234567812345678'))
print(int('1234567812345678_1234567812345678_9'))
for n in (8, 16, 17, 24, 33):
    errors = total = 0
    for k in range(n):
        for bad in ('a', ' ', '/', ':', '\x00', '\xe9', '_', '-'):
            if bad == '_' and (k == 0 or k == n - 1):
                continue
            t = digits[:k] + bad + digits[k + 1:n]
            try:
                total += int(t) % 1000003
            except ValueError:
                errors += 1
    print(n, errors, total)
print(int('00000000000000000000'), int('0_0'), int(digits[:50], 10) % 1000003)
print(int(digits[:60], 0) % 999983, int('0000000012345678', 10))
try:
    int('0' * 16 + '1', 0)
except ValueError as e:
    print('ValueError', e.args[0][:40] == "invalid literal for int() with base 0: " or len(e.args[0]) > 0)
print(int(b'12345678123456781234'), int(bytearray(b'98765432198765432')))
for s in ('1' * 500, '9' * 501, '1234567890' * 51):
    v = int(s)
    print(len(s), str(v) == s, v % 1000000007)
for t in ('0' * 16, '0' * 24, '0' * 8 + '1' + '0' * 7, '1' + '0' * 23, '0' * 17 + '5'):
    try:
        print(int(t, 0))
    except ValueError:
        print('ValueError')
