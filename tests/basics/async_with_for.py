class ACM:
    async def __aenter__(self):
        print('aenter')
        return 'res'
    async def __aexit__(self, t, v, tb):
        print('aexit', t is None)
        return False
class AIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
async def main():
    async with ACM() as r:
        print('inside', r)
    out = []
    async for v in AIter(4):
        out.append(v)
    return out
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
