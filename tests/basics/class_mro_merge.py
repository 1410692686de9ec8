# The C3 merge of class bases: orders and errors.


def names(c):
    return [k.__name__ for k in c.__mro__] if hasattr(c, "__mro__") else None


class O:
    pass


class A(O):
    pass


class B(O):
    pass


class C(O):
    pass


class D(O):
    pass


class E(O):
    pass


class K1(A, B, C):
    pass


class K2(D, B, E):
    pass


class K3(D, A):
    pass


class Z(K1, K2, K3):
    pass


# Which attribute wins shows the order without __mro__.
for cls in (A, B, C, D, E):
    setattr(cls, "who", cls.__name__)
for cls in (K1, K2, K3, Z):
    print(cls.who)


class Left(A):
    def f(self):
        return "Left" + super().f()


class Right(A):
    def f(self):
        return "Right" + super().f()


def af(self):
    return "A"


A.f = af


class Diamond(Left, Right):
    pass


print(Diamond().f())


class WithObject(A, object):
    pass


print(WithObject.who)


class L(list):
    pass


class M(L, A):
    pass


print(isinstance(M(), list), M().who)


class Ex(ValueError, A):
    pass


print(isinstance(Ex(), Exception), Ex().who)


def bad(*bases):
    try:
        type("X", bases, {})
        print("ok")
    except TypeError as e:
        print(e)


bad(A, A)
bad(A, B, A)
bad(O, A)
bad(A, O, B)
bad(K1, K3, A, D)
bad(Left, Right, A)
bad(A, Left)
bad(K3, K1)
bad(object, A)
bad(A, object)
bad(int, A, B)


class P(A, B):
    pass


class Q(B, A):
    pass


class R(A, C):
    pass


class S(C, A):
    pass


bad(P, Q)
bad(P, Q, R)
bad(P, R, Q, S)
bad(R, S, P, Q)
bad(P, bytes)
