def t(n):
    log = []
    try:
        log.append('try')
        if n == 1:
            raise ValueError
        if n == 2:
            return log
    except ValueError:
        log.append('except')
    else:
        log.append('else')
    finally:
        log.append('finally')
    log.append('after')
    return log
for n in range(3):
    print(n, t(n))
