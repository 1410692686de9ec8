print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'x', '' and 'y')
print(not [], not [0], [] or {} or 'last')
calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), t(1) or t(2))
print(calls)
print(True + True, True * 5, False - 1)
print(bool(0.0), bool(0j), bool(' '), bool(()), bool(range(0)))
