class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
    def leaves(self):
        if not self.kids:
            yield self.v
        for k in self.kids:
            yield from k.leaves()
    def __iter__(self):
        return self.walk()
t = Tree(1, [Tree(2, [Tree(4), Tree(5)]), Tree(3, [Tree(6)])])
print(list(t.walk()), list(t.leaves()), sum(t), max(t))
