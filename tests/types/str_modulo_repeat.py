# The same % formats used many times (desktop builds parse a short format
# once and reuse it): every result must match a fresh parse.

fmts = [
    '%06d %s %s latency=%d',
    '%s=%d',
    '%-5s|%5s|%05d|%-5d|',
    '100%% %s',
    '%d%%',
    '%s',
    'no conversions',
    '',
    '%i %u',
    '%x %s',
    '%5.2f',
    '%(a)s',
    '%-05d|',
    '%s %s %s %s %s %s %s %s %s %s',
    'a%sb%sc%sd%se%sf%sg%sh%si',
    'é%s€%dü',
    'a long format that does not fit the cached text: %s and %d',
]
args = [
    (7, 'auth', 'INFO', 123),
    ('k', -5),
    ('ab', 'cd', 42, -3),
    ('x',),
    (99,),
    ('only',),
    (),
    (),
    (-1, 2),
    (255, 'y'),
    (3.14159,),
    {'a': 'mapped'},
    (-42,),
    tuple(range(10)),
    tuple('12345678'),
    ('ß', 5),
    ('s', 1),
]
for rnd in range(3):
    for f, a in zip(fmts, args):
        try:
            print('[' + f % a + ']')
        except Exception as e:
            print(f, type(e).__name__, e)

# Wrong argument counts and types after a format is known.
f = '%s-%d'
for a in [('a', 1), ('a',), ('a', 1, 2), ('a', 'b'), 'single', 5, ('a', 1)]:
    try:
        print('[' + f % a + ']')
    except TypeError as e:
        print('TypeError')

# Formats built at run time: equal texts, different objects, and texts
# that replace one another.
for i in range(40):
    f = '%' + ('d' if i % 2 else 's') + ':' + str(i % 3)
    print(f % (i,), end=' ')
print()
for i in range(30):
    f = ''.join(['<', '%', 's' if i % 3 else 'd', '>', '%' * (i % 2) * 2])
    print(f % (i,), end=' ')
print()
