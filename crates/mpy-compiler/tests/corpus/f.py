async def f(a):
    x = await a
    async with b as c:
        pass
    async for i in d:
        pass
def g():
    yield
    x = yield 1
    yield from h
