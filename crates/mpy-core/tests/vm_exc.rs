//! Exceptions, try/finally/with, unwinding through return/break/continue.
mod common;
use common::{check, check_exp};

#[test]
fn try_except_basic() {
    check("try:\n    1//0\nexcept ZeroDivisionError:\n    print('zde')\ntry:\n    raise ValueError('bad')\nexcept (TypeError, ValueError) as e:\n    print('caught', e, e.args[0])\nelse:\n    print('no')\nfinally:\n    print('fin')\n");
}

#[test]
fn finally_paths() {
    check(r#"
def f(x):
    try:
        if x == 1:
            return 'ret'
        if x == 2:
            raise KeyError(2)
    finally:
        print('finally', x)
    return 'end'
print(f(0)); print(f(1))
try:
    f(2)
except KeyError as e:
    print('k', e)
def g():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print('body', i)
        finally:
            print('fin', i)
    return i
print(g())
def h():
    try:
        try:
            return 1
        finally:
            print('inner')
    finally:
        print('outer')
print(h())
def k():
    try:
        return 1
    finally:
        return 2
print(k())
"#);
}

#[test]
fn nested_handlers_and_reraise() {
    check(r#"
def f():
    try:
        try:
            raise ValueError('v')
        except ValueError:
            print('inner')
            raise
    except ValueError as e:
        print('outer', e)
f()
try:
    try:
        raise KeyError('a')
    except KeyError:
        raise TypeError('t')
except TypeError as e:
    print('got', e)
for i in range(3):
    try:
        if i == 1:
            raise IndexError(i)
    except IndexError as e:
        print('idx', e)
        continue
    print('i', i)
try:
    try:
        pass
    finally:
        print('fin')
        raise ValueError
except ValueError:
    print('caught')
"#);
}

#[test]
fn with_statement() {
    check(r#"
class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, t, v, tb):
        print('exit', self.name, t is not None)
        return self.swallow
with CM('a') as c:
    print('body', c.name)
with CM('b', True):
    raise ValueError
try:
    with CM('c'):
        raise KeyError
except KeyError:
    print('propagated')
def f():
    with CM('d'):
        return 5
print(f())
for i in range(3):
    with CM(i):
        if i == 1:
            break
"#);
}

#[test]
fn uncaught_traceback() {
    check_exp(
        "def f():\n    raise ValueError\ndef g():\n    f()\ng()\n",
        "Traceback (most recent call last):\n  File \"t.py\", line 5, in <module>\n  File \"t.py\", line 4, in g\n  File \"t.py\", line 2, in f\nValueError: \n",
    );
}

#[test]
fn exception_reprs() {
    check_exp(
        "print(repr(ValueError()), repr(ValueError(1, 2)), str(ValueError(1, 2)), str(KeyError(5)))\ne = StopIteration(7)\nprint(e.value, e.args)\nprint(repr(TypeError(1)))\n",
        "ValueError() ValueError(1, 2) (1, 2) 5\n7 (7,)\nTypeError(1,)\n",
    );
}

#[test]
fn recursion_limit() {
    check_exp(
        "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RuntimeError as e:\n    print(e)\nprint('after')\n",
        "maximum recursion depth exceeded\nafter\n",
    );
}

#[test]
fn name_errors() {
    check_exp(
        "try:\n    undefined_x\nexcept NameError as e:\n    print(e)\ndef f():\n    y = z\n    z = 1\ntry:\n    f()\nexcept NameError as e:\n    print(e)\n",
        "name 'undefined_x' isn't defined\nlocal variable referenced before assignment\n",
    );
}
