print(repr(1), repr('a'), repr("it's"), repr('say "hi"'), repr('both \' and "'))
print(repr('\n\t\\'), repr('\x00\x7f'), repr(b'\x00'), repr([1, 'x', None]))
print(repr(1.5), repr((1,)), repr(()), repr([]), repr({}), repr(''))
class R:
    def __repr__(self):
        return '<R>'
print(repr(R()), repr([R()]))
