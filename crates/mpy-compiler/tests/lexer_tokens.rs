//! Token snapshots for tricky lexer inputs. Each case is (source, expected
//! token dump); a token prints as `line:kind`.

#![allow(clippy::unwrap_used)]

mod common;

use mpy_compiler::lexer::tokenize;
use mpy_compiler::token::{Op, Tok};
use std::fmt::Write;

fn op(o: &Op) -> String {
    use mpy_compiler::ast::BinOp::*;
    let bin = |b: &mpy_compiler::ast::BinOp| match b {
        BitOr => "|",
        BitXor => "^",
        BitAnd => "&",
        LShift => "<<",
        RShift => ">>",
        Add => "+",
        Sub => "-",
        Mult => "*",
        MatMult => "@",
        Div => "/",
        FloorDiv => "//",
        Mod => "%",
        Pow => "**",
    };
    match o {
        Op::LParen => "(".into(),
        Op::RParen => ")".into(),
        Op::LBracket => "[".into(),
        Op::RBracket => "]".into(),
        Op::LBrace => "{".into(),
        Op::RBrace => "}".into(),
        Op::Comma => ",".into(),
        Op::Colon => ":".into(),
        Op::Semi => ";".into(),
        Op::Dot => ".".into(),
        Op::Ellipsis => "...".into(),
        Op::Assign => "=".into(),
        Op::Arrow => "->".into(),
        Op::Walrus => ":=".into(),
        Op::At => "@".into(),
        Op::Tilde => "~".into(),
        Op::Bin(b) => bin(b).into(),
        Op::AugAssign(b) => format!("{}=", bin(b)),
        Op::Lt => "<".into(),
        Op::Gt => ">".into(),
        Op::EqEq => "==".into(),
        Op::LtE => "<=".into(),
        Op::GtE => ">=".into(),
        Op::NotEq => "!=".into(),
    }
}

fn dump(src: &[u8]) -> String {
    let toks = match tokenize(src) {
        Ok(t) => t,
        Err(e) => return format!("HARD {} @{}", e, e.line),
    };
    let mut s = String::new();
    for t in toks {
        if !s.is_empty() {
            s.push(' ');
        }
        write!(s, "{}:", t.line).unwrap();
        match &t.kind {
            Tok::Newline => s.push_str("NL"),
            Tok::Indent => s.push_str("IN"),
            Tok::Dedent => s.push_str("DE"),
            Tok::EndMarker => s.push_str("END"),
            Tok::Name(n) => s.push_str(n),
            Tok::Kw(k) => write!(s, "kw:{:?}", k).unwrap(),
            Tok::Op(o) => write!(s, "'{}'", op(o)).unwrap(),
            Tok::Number(c) => {
                s.push('#');
                common::constant(&mut s, c)
            }
            Tok::BadNumber(e) => write!(s, "BADNUM({})", e.msg).unwrap(),
            Tok::Str(b) => write!(s, "\"{}\"", common::bytes_repr(b)).unwrap(),
            Tok::Bytes(b) => write!(s, "b\"{}\"", common::bytes_repr(b)).unwrap(),
            Tok::Error(e) => write!(s, "ERROR({}: {})", e.kind.name(), e.msg).unwrap(),
        }
    }
    s
}

fn check(cases: &[(&[u8], &str)]) {
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = dump(src);
        if got != *want {
            failures.push(format!(
                "src {:?}\n  want: {}\n  got:  {}",
                String::from_utf8_lossy(src),
                want,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} token mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn indentation() {
    check(&[
        (b"", "1:END"),
        (b"\n\n  \n# c\n", "5:END"),
        (b"x", "1:x 1:NL 2:END"),
        (b"if x:\n  y\nz\n", "1:kw:If 1:x 1:':' 1:NL 2:IN 2:y 2:NL 3:DE 3:z 3:NL 4:END"),
        (
            b"if a:\n    if b:\n        c\n\n  # comment\nd\n",
            "1:kw:If 1:a 1:':' 1:NL 2:IN 2:kw:If 2:b 2:':' 2:NL 3:IN 3:c 3:NL 6:DE 6:DE 6:d 6:NL 7:END",
        ),
        (b"if a:\n  b", "1:kw:If 1:a 1:':' 1:NL 2:IN 2:b 2:NL 3:DE 3:END"),
        (b"  x\n", "1:IN 1:x 1:NL 2:DE 2:END"),
        (b"if a:\n\tb\n        c\n", "1:kw:If 1:a 1:':' 1:NL 2:IN 2:b 2:NL 3:c 3:NL 4:DE 4:END"),
        (
            b"if a:\n    b\n  c\n",
            "1:kw:If 1:a 1:':' 1:NL 2:IN 2:b 2:ERROR(IndentationError: unindent doesn't match any outer indent level)",
        ),
        (b"x = 1\r\ny = 2\rz", "1:x 1:'=' 1:#1 1:NL 2:y 2:'=' 2:#2 2:NL 3:z 3:NL 4:END"),
    ]);
}

#[test]
fn line_joining() {
    check(&[
        (
            b"x = (1,\n  2)\ny",
            "1:x 1:'=' 1:'(' 1:#1 1:',' 2:#2 2:')' 2:NL 3:y 3:NL 4:END",
        ),
        (b"x = 1 + \\\n  2\n", "1:x 1:'=' 1:#1 1:'+' 2:#2 2:NL 3:END"),
        (b"x = [\n\n  # c\n]\n", "1:x 1:'=' 1:'[' 4:']' 4:NL 5:END"),
        (b"\\\n", "2:END"),
        (b"x = \\", "1:x 1:'=' 2:NL 2:END"),
        (
            b"x = 1 \\ 2",
            "1:x 1:'=' 1:#1 1:ERROR(SyntaxError: invalid syntax)",
        ),
        (b"x = (1,\n", "1:x 1:'=' 1:'(' 1:#1 1:',' 2:NL 2:END"),
        (
            b"{[(\n)]}",
            "1:'{' 1:'[' 1:'(' 2:')' 2:']' 2:'}' 2:NL 3:END",
        ),
    ]);
}

#[test]
fn operators() {
    check(&[
        (
            b"a**=b//=c>>=d<<=e...f->g:=h",
            "1:a 1:'**=' 1:b 1:'//=' 1:c 1:'>>=' 1:d 1:'<<=' 1:e 1:'...' 1:f 1:'->' 1:g 1:':=' 1:h 1:NL 2:END",
        ),
        (
            b"+ - * / // % ** << >> & | ^ ~ < > <= >= == != @ @= += -= *= /= %= &= |= ^=",
            "1:'+' 1:'-' 1:'*' 1:'/' 1:'//' 1:'%' 1:'**' 1:'<<' 1:'>>' 1:'&' 1:'|' 1:'^' 1:'~' 1:'<' 1:'>' 1:'<=' 1:'>=' 1:'==' 1:'!=' 1:'@' 1:'@=' 1:'+=' 1:'-=' 1:'*=' 1:'/=' 1:'%=' 1:'&=' 1:'|=' 1:'^=' 1:NL 2:END",
        ),
        (b"from .. import x", "1:kw:From 1:'.' 1:'.' 1:kw:Import 1:x 1:NL 2:END"),
        (b"a!b", "1:a 1:ERROR(SyntaxError: invalid syntax)"),
        (b"$", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"x\n?", "1:x 1:NL 2:ERROR(SyntaxError: invalid syntax)"),
        (b"\x00", "1:ERROR(SyntaxError: invalid syntax)"),
    ]);
}

#[test]
fn names_and_keywords() {
    check(&[
        (
            b"print async await None __debug__",
            "1:print 1:kw:Async 1:kw:Await 1:kw:None 1:kw:Debug 1:NL 2:END",
        ),
        ("é_1 = ©".as_bytes(), "1:é_1 1:'=' 1:© 1:NL 2:END"),
        (
            b"x = \xff",
            "1:x 1:'=' 1:ERROR(SyntaxError: invalid syntax)",
        ),
        (b"# \xff comment\nx", "2:x 2:NL 3:END"),
    ]);
}

#[test]
fn numbers() {
    check(&[
        (
            b"0 00 0_0 1_000 0x_1F 0O17 0b101 1.5 1. .5 1e5 1E+_5 2j 1.5e3J",
            "1:#0 1:#0 1:#0 1:#1000 1:#31 1:#15 1:#5 1:#1.5f 1:#1.0f 1:#0.5f 1:#100000.0f 1:#100000.0f 1:#2.0j 1:#1500.0j 1:NL 2:END",
        ),
        (
            b"9223372036854775808 0xffffffffffffffffff",
            "1:#big:9223372036854775808 1:#big:4722366482869645213695 1:NL 2:END",
        ),
        (b"1if", "1:BADNUM(invalid syntax for integer with base 10: '1if') 1:NL 2:END"),
        (b"0x1e+5", "1:#30 1:'+' 1:#5 1:NL 2:END"),
        (b"1e+5+1", "1:#100000.0f 1:'+' 1:#1 1:NL 2:END"),
        (b"1 .real", "1:#1 1:'.' 1:real 1:NL 2:END"),
        (b"09", "1:BADNUM(invalid syntax for integer with base 0: '09') 1:NL 2:END"),
        (b"1.e", "1:BADNUM(invalid syntax for number) 1:NL 2:END"),
    ]);
}

#[test]
fn string_prefixes() {
    check(&[
        (b"'a' \"b\" u'c'", "1:\"abc\" 1:NL 2:END"),
        (
            b"r'\\n' b'\\n' rb'\\n' br'\\n'",
            "1:\"\\\\n\" 1:b\"\\n\\\\n\\\\n\" 1:NL 2:END",
        ),
        (b"R'x'", "1:R 1:\"x\" 1:NL 2:END"),
        (
            b"B'x' F'x' Rb'x' bR'x' U'x'",
            "1:B 1:\"x\" 1:F 1:\"x\" 1:Rb 1:\"x\" 1:bR 1:\"x\" 1:U 1:\"x\" 1:NL 2:END",
        ),
        (b"'a' b'c'", "1:\"a\" 1:b\"c\" 1:NL 2:END"),
        (b"b'a' 'c'", "1:b\"a\" 1:\"c\" 1:NL 2:END"),
        (b"bu'x'", "1:bu 1:\"x\" 1:NL 2:END"),
        (b"'''a\nb''' 'c'\nd", "1:\"a\\nbc\" 2:NL 3:d 3:NL 4:END"),
        (b"('a'\n 'b')", "1:'(' 1:\"ab\" 2:')' 2:NL 3:END"),
        (b"'a' \\\n 'b'", "1:\"ab\" 2:NL 3:END"),
        (b"'a'\n'b'", "1:\"a\" 1:NL 2:\"b\" 2:NL 3:END"),
        (b"''''''", "1:\"\" 1:NL 2:END"),
        (b"'\"' \"'\"", "1:\"\\\"'\" 1:NL 2:END"),
        (b"'''a''b'''", "1:\"a''b\" 1:NL 2:END"),
        (
            b"x = 'abc\ny",
            "1:x 1:'=' 1:ERROR(SyntaxError: invalid syntax)",
        ),
        (b"\n'''abc\n\n", "2:ERROR(SyntaxError: invalid syntax)"),
        (b"r'\\'", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"r'\\''", "1:\"\\\\'\" 1:NL 2:END"),
    ]);
}

#[test]
fn escapes() {
    check(&[
        (
            b"'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"'",
            "1:\"\\x07\\x08\\x0c\\n\\x0d\\x09\\x0b\\\\'\\\"\" 1:NL 2:END",
        ),
        (b"'\\q\\8'", "1:\"\\\\q\\\\8\" 1:NL 2:END"),
        (
            b"'\\0\\101\\1234\\777'",
            "1:\"\\x00AS4\\xc7\\xbf\" 1:NL 2:END",
        ),
        (
            b"'\\x41\\x80\\xff'",
            "1:\"A\\xc2\\x80\\xc3\\xbf\" 1:NL 2:END",
        ),
        (
            b"b'\\x41\\x80\\xff\\377'",
            "1:b\"A\\x80\\xff\\xff\" 1:NL 2:END",
        ),
        (
            b"'\\u00e9\\U0001F600\\ud800'",
            "1:\"\\xc3\\xa9\\xf0\\x9f\\x98\\x80\\xed\\xa0\\x80\" 1:NL 2:END",
        ),
        (b"b'\\u00e9'", "1:b\"\\\\u00e9\" 1:NL 2:END"),
        (b"'a\\\nb'", "1:\"ab\" 2:NL 3:END"),
        (b"'\\x4'", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"'\\u12'", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"'\\U00110000'", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"b'\\400'", "1:ERROR(SyntaxError: invalid syntax)"),
        (
            b"'\\N{DASH}'",
            "HARD NotImplementedError: unicode name escapes @0",
        ),
        (
            b"b'\\N{DASH}'",
            "HARD NotImplementedError: unicode name escapes @0",
        ),
        (
            b"'\xff' b'\xc3\xa9'",
            "1:\"\\xff\" 1:b\"\\xc3\\xa9\" 1:NL 2:END",
        ),
        (b"'a\x00b'", "1:\"a\\x00b\" 1:NL 2:END"),
    ]);
}

#[test]
fn fstrings() {
    check(&[
        (b"f'a{x!r:>10}b{y}'", "1:\"a{!r:>10}b{}\" 1:'.' 1:format 1:'(' 1:'(' 1:x 1:')' 1:',' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'abc'", "1:\"abc\" 1:'.' 1:format 1:'(' 1:')' 1:NL 2:END"),
        (b"'a{' f'{y}' '}b'", "1:\"a{{}}b\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{y=}'", "1:\"y={}\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{ y=!r:5}'", "1:\" y={!r:5}\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (
            b"f'{y:{w}.{p}}'",
            "1:\"{:{}.{}}\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:'(' 1:w 1:')' 1:',' 1:'(' 1:p 1:')' 1:',' 1:')' 1:NL 2:END",
        ),
        (b"f'{{}}{{x}}}'", "1:\"{{}}{{x}}}\" 1:'.' 1:format 1:'(' 1:')' 1:NL 2:END"),
        (b"f'{ }'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{a,b}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:a 1:',' 1:b 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{d[\"a:b\"]}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:d 1:'[' 1:\"a:b\" 1:']' 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{x != y}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:x 1:'!=' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"rf'\\{y}' f'\\{{y}}'", "1:\"\\\\{y}\\\\{{}}\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{y:\\n}'", "1:\"{:\\n}\" 1:'.' 1:format 1:'(' 1:'(' 1:y 1:')' 1:',' 1:')' 1:NL 2:END"),
        // The injected tokens take the line of the token after the group.
        (
            b"x = (f'''\n{b.c}'''\n\n.d)",
            "1:x 1:'=' 1:'(' 1:\"\\n{}\" 4:'.' 4:format 4:'(' 4:'(' 4:b 4:'.' 4:c 4:')' 4:',' 4:')' 4:'.' 4:d 4:')' 4:NL 5:END",
        ),
        (b"f'''\n{a}'''\n\ny", "1:\"\\n{}\" 2:'.' 2:format 2:'(' 2:'(' 2:a 2:')' 2:',' 2:')' 2:NL 4:y 4:NL 5:END"),
        (b"f'{f\"{a}\"}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:a 1:')' 1:',' 1:')' 1:')' 1:',' 1:')' 1:NL 2:END"),
        (b"f'{}'", "1:ERROR(SyntaxError: malformed f-string)"),
        (b"f'{y!a}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{y!r }'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:ERROR(SyntaxError: invalid syntax)"),
        // A bad conversion fails at the injected tokens' line, as in MicroPython.
        (b"f'''\n{y!a}\n'''\n\n", "1:\"\\n{}\\n\" 3:'.' 3:format 3:'(' 3:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{(lambda: 1)}'", "1:\"{: 1)}\" 1:'.' 1:format 1:'(' 1:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{a[\"]\"]}'", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{a#}'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{a' x", "1:ERROR(SyntaxError: invalid syntax)"),
        (b"f'{x}' b'y'", "1:\"{}\" 1:'.' 1:format 1:'(' 1:'(' 1:x 1:')' 1:',' 1:')' 1:b\"y\" 1:NL 2:END"),
    ]);
}
