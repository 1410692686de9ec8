async def co(x):
    async with x as y:
        pass
    async for i in y:
        await i
    return await x
