//! Basic VM tests: module code, functions, arithmetic, control flow.
mod common;
use common::{check, check_exp};

#[test]
fn hello() {
    check("print('hello', 1, 2+3)\n");
}

#[test]
fn arith_small_and_big() {
    check("a = 7\nb = -3\nprint(a+b, a-b, a*b, a//b, a%b, -a//2, -a%2, a<<3, a>>1, a&b, a|b, a^b, ~a, -a, +a)\nprint(2**62 + 2**62, 10**30 // 7, (1<<100) >> 98)\nx = 4611686018427387903\nprint(x + 1, x * 2, -x - 2)\n");
}

#[test]
fn compare_and_bool() {
    check("print(1 < 2, 2 <= 1, 3 == 3, 3 != 3, 1 is 1, not 0, not 5)\nprint(1 and 2, 0 and 2, 0 or 3, 4 or 5, None is None)\n");
}

#[test]
fn control_flow() {
    check("s = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    if i == 8:\n        break\n    s += i\nprint(s)\nn = 0\nwhile n < 5:\n    n += 1\nelse:\n    print('else', n)\n");
}

#[test]
fn functions_and_defaults() {
    check("def f(a, b=2, *args, c=3, **kw):\n    return (a, b, args, c, sorted(kw.items()))\nprint(f(1))\nprint(f(1, 5, 6, 7, c=9, d=10))\nprint(f(*[1, 2, 3], **{'x': 1}))\n");
}

#[test]
fn closures() {
    check("def outer():\n    x = 1\n    def inc():\n        nonlocal x\n        x += 1\n        return x\n    return inc\ng = outer()\nprint(g(), g(), g())\nprint([lambda: i for i in range(3)][0]())\n");
}

#[test]
fn comprehensions() {
    check("print([x*x for x in range(5)], {x: x+1 for x in range(3)}, sorted({x % 3 for x in range(10)}))\nprint(list(x for x in range(4) if x))\n");
}

#[test]
fn unpacking() {
    check("a, b = 1, 2\nprint(a, b)\na, *b, c = range(6)\nprint(a, b, c)\n(x, y), z = (1, 2), 3\nprint(x, y, z)\n");
}

#[test]
fn arg_errors() {
    check_exp(
        "def f(a, b): pass\nfor a, k in [((1,2,3),{}), ((1,),{}), ((1,),{'a':2}), ((1,2),{'x':1})]:\n    try:\n        f(*a, **k)\n    except TypeError as e:\n        print(e)\n",
        "f() takes 2 positional arguments but 3 were given\nf() takes 2 positional arguments but 1 were given\nfunction got multiple values for argument 'a'\nunexpected keyword argument 'x'\n",
    );
}
