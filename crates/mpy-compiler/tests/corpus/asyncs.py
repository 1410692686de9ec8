async def f(a):
    x = await a
    await g(x)
    async with b as c, d:
        pass
    async for i in e:
        print(i)
    else:
        pass
    async for i in e:
        if i:
            break
        continue
    return x
async def g():
    return [z for z in (await y)]
async def h():
    async with a:
        return 1
