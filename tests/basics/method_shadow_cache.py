# LOAD_METHOD on instances: an instance attribute given later (by any
# route) shadows the class's method at an already-run call site; methods
# added, replaced or deleted along the MRO after a site ran; many
# attributes; polymorphic sites; subclasses of built-ins.


class Base:
    def who(self):
        return "Base.who"

    def other(self):
        return "Base.other"


class Mid(Base):
    pass


class Leaf(Mid):
    def who(self):
        return "Leaf.who"


class Big(Base):
    def __init__(self):
        for i in range(12):
            setattr(self, "a%d" % i, i)


def call_who(o):
    return o.who()


def call_other(o):
    return o.other()


objs = [Base(), Mid(), Leaf(), Big()]
for _ in range(3):
    print([call_who(o) for o in objs], [call_other(o) for o in objs])

# A name no instance had before: set on one instance only.
b = Big()
print(call_other(b))
b.other = lambda: "instance other"
print(call_other(b), call_other(Big()), call_other(Mid()))
setattr(objs[1], "who", lambda: "setattr who")
print([call_who(o) for o in objs])
del objs[1].who
print([call_who(o) for o in objs])

# Methods added to / removed from classes after the sites ran.
Mid.other = lambda self: "Mid.other"
print([call_other(o) for o in objs])
del Mid.other
print([call_other(o) for o in objs])
Leaf.who = lambda self: "Leaf.who2"
print([call_who(o) for o in objs])
del Leaf.who
print([call_who(o) for o in objs])
Base.who = lambda self: "Base.who2"
print([call_who(o) for o in objs])


# An instance attribute named like a method, set in __init__ of a
# subclass with many attributes.
class Shadow(Base):
    def __init__(self, n):
        for i in range(n):
            setattr(self, "x%d" % i, i)
        self.who = lambda: "shadow %d" % n


for n in (0, 3, 9, 20):
    print(call_who(Shadow(n)), call_other(Shadow(n)))


# Data descriptors, plain values and staticmethods on the class.
class Desc(Base):
    @property
    def prop(self):
        return lambda: "prop"

    val = 7

    @staticmethod
    def st():
        return "static"


d = Desc()
for _ in range(2):
    print(d.prop(), d.val, d.st(), d.who())


# Subclass of a built-in.
class L(list):
    def total(self):
        return sum(self)


lst = L([1, 2, 3])
for _ in range(2):
    lst.append(4)
    print(lst.total(), len(lst))


# __getattr__ only for missing names.
class G(Base):
    def __getattr__(self, name):
        return lambda: "getattr " + name


g = G()
for _ in range(2):
    print(g.who(), g.missing(), g.other())
