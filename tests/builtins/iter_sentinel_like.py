def reader(chunks):
    it = iter(chunks)
    while True:
        c = next(it, None)
        if c is None:
            break
        yield c.upper()
print(list(reader(['ab', 'cd'])))
it = iter(range(5))
print(list(zip(it, it)))
