//! Generators: send/throw/close, yield from, StopIteration.value.
mod common;
use common::check;

#[test]
fn simple_generators() {
    check("def g(n):\n    for i in range(n):\n        yield i * 2\nprint(list(g(4)))\nit = g(2)\nprint(next(it), next(it))\ntry:\n    next(it)\nexcept StopIteration:\n    print('stop')\n");
}

#[test]
fn send_throw_close() {
    check(r#"
def acc():
    total = 0
    while True:
        try:
            x = yield total
        except ValueError:
            print('ve')
            x = 100
        if x is None:
            break
        total += x
    return total
g = acc()
print(next(g))
print(g.send(5))
print(g.send(7))
print(g.throw(ValueError))
try:
    g.send(None)
except StopIteration as e:
    print('ret', e.value)
def fin():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
g = fin()
print(next(g))
g.close()
print('closed')
"#);
}

#[test]
fn yield_from() {
    check(r#"
def inner():
    x = yield 1
    print('inner got', x)
    y = yield 2
    print('inner got', y)
    return 'done'
def outer():
    r = yield from inner()
    print('result', r)
    yield from range(3)
g = outer()
print(next(g))
print(g.send('a'))
print(list(g) if False else [g.send('b'), next(g), next(g)])
def thrower():
    try:
        yield 1
    except KeyError:
        print('inner caught')
        yield 99
def deleg():
    yield from thrower()
d = deleg()
print(next(d))
print(d.throw(KeyError))
"#);
}

#[test]
fn generator_in_loops() {
    check("def evens():\n    i = 0\n    while True:\n        yield i\n        i += 2\nfor v in evens():\n    if v > 6:\n        break\n    print(v)\nprint(sum(x*x for x in range(5)))\n");
}
