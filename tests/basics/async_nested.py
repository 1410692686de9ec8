async def leaf(x):
    return x + 1
async def mid(x):
    a = await leaf(x)
    b = await leaf(a)
    return a * b
async def top():
    out = []
    for i in range(3):
        out.append(await mid(i))
    return out
def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise RuntimeError('blocked')
print(run(top()))
async def raiser():
    raise ValueError('async err')
async def catcher():
    try:
        await raiser()
    except ValueError as e:
        return 'caught ' + str(e)
print(run(catcher()))
