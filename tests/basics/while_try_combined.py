def process(items):
    out = []
    i = 0
    while i < len(items):
        try:
            v = items[i]
            if v is None:
                i += 1
                continue
            out.append(10 // v)
        except ZeroDivisionError:
            out.append('inf')
        finally:
            i += 1
    return out
print(process([1, 0, None, 5, 2, None, 3]))
