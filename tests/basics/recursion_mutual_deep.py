import sys
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(60), is_odd(61))
def flatten(x):
    if isinstance(x, list):
        out = []
        for y in x:
            out.extend(flatten(y))
        return out
    return [x]
nested = [1, [2, [3, [4, [5, [6]]]]], 7]
print(flatten(nested))
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(len(power_set(list(range(8)))), sorted(power_set([1, 2, 3])))
