class Host:
    def __init__(self, tag):
        self.tag = tag
    def __getattr__(self, name):
        return 'fallback ' + name
h = Host('T')
print(h.tag, h.other)
h.other = 'set'
print(h.other)
print(getattr(h, 'zzz'), hasattr(h, 'anything'))
