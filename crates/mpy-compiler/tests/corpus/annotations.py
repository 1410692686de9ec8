def f(a: int = 1, *args: str, b: "x" = 2, **kw: dict) -> None:
    x: list = []
    y: int
    return x
class P:
    a: int = 0
    b: str
lam = lambda *, k=1: k
async def g():
    await x
    yield 1
