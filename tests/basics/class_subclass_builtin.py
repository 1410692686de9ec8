class MyList(list):
    def total(self):
        return sum(self)
m = MyList([1, 2, 3])
m.append(4)
print(m.total(), len(m), m[1:3], isinstance(m, list))
class MyDict(dict):
    def get2(self, k):
        return self.get(k, 'missing:' + k)
md = MyDict(a=1)
print(md['a'], md.get2('zz'), len(md))
class MyInt(int):
    def double(self):
        return self * 2
print(MyInt(21).double(), MyInt(5) + 1)
class MyStr(str):
    def shout(self):
        return self.upper() + '!'
print(MyStr('hey').shout(), len(MyStr('abc')))
