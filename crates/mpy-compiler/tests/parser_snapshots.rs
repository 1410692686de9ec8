//! Parse-tree snapshots: every statement and expression form, dumped as
//! S-expressions with lines (`node@line`, trailers `@line/op_line`).

#![allow(clippy::unwrap_used)]

mod common;

fn check(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = common::parse_dump(src);
        if got != *want {
            failures.push(format!("src {:?}\n  want: {}  got:  {}", src, want, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} snapshot mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn statement_and_expression_forms() {
    check(&[
        ("x = 1", "(Assign@1 [x@1] 1@1)\n"),
        ("a, b = b, a", "(Assign@1 [(Tuple@1 [a@1 b@1])] (Tuple@1 [b@1 a@1]))\n"),
        ("(a, b) = (b, a)", "(Assign@1 [(paren (Tuple@1 [a@1 b@1]))] (paren (Tuple@1 [b@1 a@1])))\n"),
        ("((a)) = f((x for x in y))", "(Assign@1 [(paren a@1)] (Call@1/1 f@1 [(paren (GenExp@1 x@1 (for@1 x@1 in y@1)))]))\n"),
        ("x = y = z", "(Assign@1 [x@1 y@1] z@1)\n"),
        ("a, *b = c", "(Assign@1 [(Tuple@1 [a@1 (Starred@1 b@1)])] c@1)\n"),
        ("x: int", "(AnnAssign@1 x@1 : int@1 = -)\n"),
        ("x: int = 1", "(AnnAssign@1 x@1 : int@1 = 1@1)\n"),
        ("x.y: int = yield", "(AnnAssign@1 (Attr@1/1 x@1 .y) : int@1 = (Yield@1))\n"),
        ("x += 1", "(AugAssign@1 x@1 Add= 1@1)\n"),
        ("x @= y", "(AugAssign@1 x@1 MatMult= y@1)\n"),
        ("x **= 2, 3", "(AugAssign@1 x@1 Pow= (Tuple@1 [2@1 3@1]))\n"),
        ("del a, b[0], c.d", "(Del@1 [a@1 (Subscript@1/1 b@1 0@1) (Attr@1/1 c@1 .d)])\n"),
        ("del (a, b)", "(Del@1 [(paren (Tuple@1 [a@1 b@1]))])\n"),
        ("del a,", "(Del@1 [a@1])\n"),
        ("pass", "(Pass@1)\n"),
        ("break", "(Break@1)\n"),
        ("continue", "(Continue@1)\n"),
        ("return", "(Return@1 -)\n"),
        ("return a, b", "(Return@1 (Tuple@1 [a@1 b@1]))\n"),
        ("raise", "(Raise@1 - from -)\n"),
        ("raise E", "(Raise@1 E@1 from -)\n"),
        ("raise E from c", "(Raise@1 E@1 from c@1)\n"),
        ("global a, b", "(Global@1 a b)\n"),
        ("nonlocal c", "(Nonlocal@1 c)\n"),
        ("assert x", "(Assert@1 x@1 -)\n"),
        ("assert x, \"msg\"", "(Assert@1 x@1 \"msg\"@1)\n"),
        ("import a", "(Import@1 a)\n"),
        ("import a.b.c as d, e", "(Import@1 a.b.c as d e)\n"),
        ("from a import b", "(ImportFrom@1 level=0 a b)\n"),
        ("from a.b import c as d, e", "(ImportFrom@1 level=0 a.b c as d e)\n"),
        ("from . import x", "(ImportFrom@1 level=1 - x)\n"),
        ("from .. import (a, b,)", "(ImportFrom@1 level=2 - a b)\n"),
        ("from ...m import *", "(ImportFrom@1 level=3 m *)\n"),
        ("from .a import b,", "(ImportFrom@1 level=1 a b)\n"),
        ("yield", "(Expr@1 (Yield@1))\n"),
        ("yield a, b", "(Expr@1 (Yield@1 (Tuple@1 [a@1 b@1])))\n"),
        ("yield from g", "(Expr@1 (YieldFrom@1 g@1))\n"),
        ("x = yield", "(Assign@1 [x@1] (Yield@1))\n"),
        ("if a: pass", "(If@1 a@1 [(Pass@1)] else -)\n"),
        ("if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g", "(If@1 a@1 [(Expr@2 b@2)] elif@3 c@3 [(Expr@4 d@4)] elif@5 e@5 [(Expr@6 f@6)] else [(Expr@8 g@8)])\n"),
        ("if x := f(): pass", "(If@1 (NamedExpr@1 x (Call@1/1 f@1 [])) [(Pass@1)] else -)\n"),
        ("while a:\n    b\nelse:\n    c", "(While@1 a@1 [(Expr@2 b@2)] else [(Expr@4 c@4)])\n"),
        ("for x in y:\n    pass", "(For@1 x@1 in y@1 [(Pass@2)] else -)\n"),
        ("for x, in a, b:\n    pass\nelse:\n    pass", "(For@1 (Tuple@1 [x@1]) in (Tuple@1 [a@1 b@1]) [(Pass@2)] else [(Pass@4)])\n"),
        ("async def f():\n    async for x in y: pass\n    async with a as b, c: pass\n    await z", "(AsyncDef@1 f () [(AsyncFor@2 x@2 in y@2 [(Pass@2)] else -) (AsyncWith@3 a@3 as b@3, c@3, [(Pass@3)]) (Expr@4 (Await@4 z@4))])\n"),
        ("try:\n    a\nexcept E as e:\n    b\nexcept (A, B):\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f", "(Try@1 [(Expr@2 a@2)] except@3 E@3 as e [(Expr@4 b@4)] except@5 (paren (Tuple@5 [A@5 B@5])) [(Expr@6 c@6)] except@7 - [(Expr@8 d@8)] else [(Expr@10 e@10)] finally [(Expr@12 f@12)])\n"),
        ("try:\n    a\nfinally:\n    b", "(Try@1 [(Expr@2 a@2)] else - finally [(Expr@4 b@4)])\n"),
        ("with a: pass", "(With@1 a@1, [(Pass@1)])\n"),
        ("with a as b, c as (d, e): pass", "(With@1 a@1 as b@1, c@1 as (paren (Tuple@1 [d@1 e@1])), [(Pass@1)])\n"),
        ("with a as b.c, d as e[0]: pass", "(With@1 a@1 as (Attr@1/1 b@1 .c), d@1 as (Subscript@1/1 e@1 0@1), [(Pass@1)])\n"),
        ("def f(): pass", "(Def@1 f () [(Pass@1)])\n"),
        ("def f(a, b=1, *args, c, d=2, **kw) -> r: pass", "(Def@1 f (a@1, b@1=1@1, *args@1, c@1, d@1=2@1, **kw@1) -> r@1 [(Pass@1)])\n"),
        ("def f(a: int = 1, *, b: str, **k,): pass", "(Def@1 f (a@1:int@1=1@1, *, b@1:str@1, **k@1) [(Pass@1)])\n"),
        ("def f(*): pass", "(Def@1 f () [(Pass@1)])\n"),
        ("def f(*a,): pass", "(Def@1 f (*a@1) [(Pass@1)])\n"),
        ("@d\ndef f(): pass", "(Def@2 f deco=[d@1] () [(Pass@2)])\n"),
        ("@a.b.c(1, k=2)\n@e\nclass C(B, metaclass=M): pass", "(Class@3 C deco=[(Call@1/1 (Attr@1/1 (Attr@1/1 a@1 .b) .c) [1@1 k=2@1]) e@2] [B@3 metaclass=M@3] [(Pass@3)])\n"),
        ("@d\nasync def f(): pass", "(AsyncDef@2 f deco=[d@1] () [(Pass@2)])\n"),
        ("class C: pass", "(Class@1 C [] [(Pass@1)])\n"),
        ("class C(): pass", "(Class@1 C [] [(Pass@1)])\n"),
        ("class C(*a, **k): pass", "(Class@1 C [*a@1 **k@1] [(Pass@1)])\n"),
        ("x = lambda: 0", "(Assign@1 [x@1] (Lambda@1 () 0@1))\n"),
        ("x = lambda a, b=1, *c, d, **e: a", "(Assign@1 [x@1] (Lambda@1 (a@1, b@1=1@1, *c@1, d@1, **e@1) a@1))\n"),
        ("x = lambda *: 0", "(Assign@1 [x@1] (Lambda@1 () 0@1))\n"),
        ("x = lambda a,: a", "(Assign@1 [x@1] (Lambda@1 (a@1) a@1))\n"),
        ("x = a if b else c if d else e", "(Assign@1 [x@1] (IfExp@1 a@1 if b@1 else (IfExp@1 c@1 if d@1 else e@1)))\n"),
        ("x = a or b or (c or d)", "(Assign@1 [x@1] (Or@1 [a@1 b@1 (paren (Or@1 [c@1 d@1]))]))\n"),
        ("x = a and b or c and d", "(Assign@1 [x@1] (Or@1 [(And@1 [a@1 b@1]) (And@1 [c@1 d@1])]))\n"),
        ("x = not not a", "(Assign@1 [x@1] (Not@1 (Not@1 a@1)))\n"),
        ("x = a < b <= c != d", "(Assign@1 [x@1] (Compare@1 a@1 Lt b@1 LtE c@1 NotEq d@1))\n"),
        ("x = a not in b is not c in d is e", "(Assign@1 [x@1] (Compare@1 a@1 NotIn b@1 IsNot c@1 In d@1 Is e@1))\n"),
        ("x = a | b ^ c & d << e >> f + g - h * i @ j / k // l % m", "(Assign@1 [x@1] (BinOp@1 a@1 BitOr (BinOp@1 b@1 BitXor (BinOp@1 c@1 BitAnd (BinOp@1 d@1 LShift e@1 RShift (BinOp@1 f@1 Add g@1 Sub (BinOp@1 h@1 Mult i@1 MatMult j@1 Div k@1 FloorDiv l@1 Mod m@1)))))))\n"),
        ("x = 1 + 2 + y", "(Assign@1 [x@1] (BinOp@1 1@1 Add 2@1 Add y@1))\n"),
        ("x = (1 + 2) + y", "(Assign@1 [x@1] (BinOp@1 (paren (BinOp@1 1@1 Add 2@1)) Add y@1))\n"),
        ("x = -2 ** -3 ** 4", "(Assign@1 [x@1] (Neg@1 (BinOp@1 2@1 Pow (Neg@1 (BinOp@1 3@1 Pow 4@1)))))\n"),
        ("x = ~+-a", "(Assign@1 [x@1] (Invert@1 (Pos@1 (Neg@1 a@1))))\n"),
        ("x = await a ** b", "(Assign@1 [x@1] (BinOp@1 (Await@1 a@1) Pow b@1))\n"),
        ("x = f(a)(b)[c].d", "(Assign@1 [x@1] (Attr@1/1 (Subscript@1/1 (Call@1/1 (Call@1/1 f@1 [a@1]) [b@1]) c@1) .d))\n"),
        ("x = f(a, *b, c=d, **e, f=g)", "(Assign@1 [x@1] (Call@1/1 f@1 [a@1 *b@1 c=d@1 **e@1 f=g@1]))\n"),
        ("x = f(x for x in y)", "(Assign@1 [x@1] (Call@1/1 f@1 [(GenExp@1 x@1 (for@1 x@1 in y@1))]))\n"),
        ("x = f(x for x in y, 1)", "(Assign@1 [x@1] (Call@1/1 f@1 [(GenExp@1 x@1 (for@1 x@1 in y@1)) 1@1]))\n"),
        ("x = f(a := 1, b)", "(Assign@1 [x@1] (Call@1/1 f@1 [(NamedExpr@1 a 1@1) b@1]))\n"),
        ("x = f(*a, b)", "(Assign@1 [x@1] (Call@1/1 f@1 [*a@1 b@1]))\n"),
        ("x = a[1]", "(Assign@1 [x@1] (Subscript@1/1 a@1 1@1))\n"),
        ("x = a[1:2]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Slice@1 1@1 2@1 -)))\n"),
        ("x = a[::]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Slice@1 - - -)))\n"),
        ("x = a[:]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Slice@1 - - -)))\n"),
        ("x = a[1:2:3, ...]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Tuple@1 [(Slice@1 1@1 2@1 3@1) ...@1])))\n"),
        ("x = a[:, 1]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Tuple@1 [(Slice@1 - - -) 1@1])))\n"),
        ("x = a[1,]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Tuple@1 [1@1])))\n"),
        ("x = a[b:c, d]", "(Assign@1 [x@1] (Subscript@1/1 a@1 (Tuple@1 [(Slice@1 b@1 c@1 -) d@1])))\n"),
        ("x = ()", "(Assign@1 [x@1] (paren (Tuple@1 [])))\n"),
        ("x = (1,)", "(Assign@1 [x@1] (paren (Tuple@1 [1@1])))\n"),
        ("x = (1)", "(Assign@1 [x@1] (paren 1@1))\n"),
        ("x = (yield)", "(Assign@1 [x@1] (paren (Yield@1)))\n"),
        ("x = (yield a)", "(Assign@1 [x@1] (paren (Yield@1 a@1)))\n"),
        ("x = (*a,)", "(Assign@1 [x@1] (paren (Tuple@1 [(Starred@1 a@1)])))\n"),
        ("x = []", "(Assign@1 [x@1] (List@1 []))\n"),
        ("x = [1, 2,]", "(Assign@1 [x@1] (List@1 [1@1 2@1]))\n"),
        ("x = [*a, b]", "(Assign@1 [x@1] (List@1 [(Starred@1 a@1) b@1]))\n"),
        ("x = [y := 1, 2]", "(Assign@1 [x@1] (List@1 [(NamedExpr@1 y 1@1) 2@1]))\n"),
        ("x = {}", "(Assign@1 [x@1] (Dict@1 []))\n"),
        ("x = {1: 2, 3: 4,}", "(Assign@1 [x@1] (Dict@1 [1@1:2@1 3@1:4@1]))\n"),
        ("x = {1, 2}", "(Assign@1 [x@1] (Set@1 [1@1 2@1]))\n"),
        ("x = {a: b for a, b in c}", "(Assign@1 [x@1] (DictComp@1 a@1:b@1 (for@1 (Tuple@1 [a@1 b@1]) in c@1)))\n"),
        ("x = {a for a in b if c}", "(Assign@1 [x@1] (SetComp@1 a@1 (for@1 a@1 in b@1 if c@1)))\n"),
        ("x = [a for b in c if d if e for f in g if h]", "(Assign@1 [x@1] (ListComp@1 a@1 (for@1 b@1 in c@1 if d@1 if e@1) (for@1 f@1 in g@1 if h@1)))\n"),
        ("x = [a async for b in c]", "ERR SyntaxError: invalid syntax @1\n"),
        ("x = (a for b in c)", "(Assign@1 [x@1] (paren (GenExp@1 a@1 (for@1 b@1 in c@1))))\n"),
        ("x = [a for b in c if lambda: d]", "(Assign@1 [x@1] (ListComp@1 a@1 (for@1 b@1 in c@1 if (Lambda@1 () d@1))))\n"),
        ("x = [i := 0 for j in k]", "(Assign@1 [x@1] (ListComp@1 (NamedExpr@1 i 0@1) (for@1 j@1 in k@1)))\n"),
        ("x = ...", "(Assign@1 [x@1] ...@1)\n"),
        ("x = None, True, False", "(Assign@1 [x@1] (Tuple@1 [None@1 True@1 False@1]))\n"),
        ("x = 'a' 'b' \\\n 'c'", "(Assign@1 [x@1] \"abc\"@1)\n"),
        ("x = b'a' rb'\\n'", "(Assign@1 [x@1] b\"a\\\\n\"@1)\n"),
        ("x = 0x10000000000000000", "(Assign@1 [x@1] big:18446744073709551616@1)\n"),
        ("x = 1.5e3, 2j, .5", "(Assign@1 [x@1] (Tuple@1 [1500.0f@1 2.0j@1 0.5f@1]))\n"),
        ("x = f'{a!r:>{w}}' 'b'", "(Assign@1 [x@1] (Call@1/1 (Attr@1/1 \"{!r:>{}}b\"@1 .format) [(paren a@1) (paren w@1)]))\n"),
        ("print(f'{x=}')", "(Expr@1 (Call@1/1 print@1 [(Call@1/1 (Attr@1/1 \"x={}\"@1 .format) [(paren x@1)])]))\n"),
        ("__debug__", "(Expr@1 __debug__@1)\n"),
        ("if (\n  a):\n    pass", "(If@1 (paren a@2) [(Pass@3)] else -)\n"),
        ("x = (\n  a +\n  b)", "(Assign@1 [x@1] (paren (BinOp@2 a@2 Add b@3)))\n"),
        ("x = [\n  1,\n  2]", "(Assign@1 [x@1] (List@1 [1@2 2@3]))\n"),
        ("f(\n a\n)(\n b\n).c", "(Expr@1 (Attr@1/5 (Call@1/3 (Call@1/1 f@1 [a@2]) [b@4]) .c))\n"),
        ("x = {\n 1:\n 2}", "(Assign@1 [x@1] (Dict@1 [1@2:2@3]))\n"),
        ("x = 1; y = 2;", "(Assign@1 [x@1] 1@1)\n(Assign@1 [y@1] 2@1)\n"),
        ("@a\n\n# comment\ndef f(): pass", "(Def@4 f deco=[a@1] () [(Pass@4)])\n"),
    ]);
}

#[test]
fn modes() {
    use mpy_compiler::Mode;
    let cases: &[(&str, Mode, &str)] = &[
        ("1 + 2\n\n", Mode::Eval, "eval: (BinOp@1 1@1 Add 2@1)\n"),
        ("a, b", Mode::Eval, "eval: (Tuple@1 [a@1 b@1])\n"),
        (
            "x = 1; y",
            Mode::Single,
            "single:\n(Assign@1 [x@1] 1@1)\n(Expr@1 y@1)\n",
        ),
        ("", Mode::Single, "single:\n"),
        (
            "if a:\n  b\n\n",
            Mode::Single,
            "single:\n(If@1 a@1 [(Expr@2 b@2)] else -)\n",
        ),
    ];
    for (src, mode, want) in cases {
        assert_eq!(
            common::parse_dump_mode(src.as_bytes(), *mode),
            *want,
            "{:?}",
            src
        );
    }
}

#[test]
fn fstring_lines() {
    // Field newlines advance the injected tokens' lines and shift every later
    // token, exactly as MicroPython's text injection does (checked against
    // tracebacks of the official build).
    let src = "x = f'''{a\n}'''\ny = b.c\nz = f'''{\n\na}''' + b.c\nw = f'{'a' if b else 'c'}'\n";
    let want = "(Assign@1 [x@1] (Call@1/2 (Attr@1/2 \"{}\"@1 .format) [(paren a@2)]))\n\
                (Assign@4 [y@4] (Attr@4/4 b@4 .c))\n\
                (Assign@5 [z@5] (BinOp@5 (Call@5/7 (Attr@5/7 \"{}\"@5 .format) [(paren a@9)]) Add (Attr@9/9 b@9 .c)))\n\
                (Assign@10 [w@10] (Call@10/10 (Attr@10/10 \"{}\"@10 .format) [(paren (IfExp@10 \"a\"@10 if b@10 else \"c\"@10))]))\n";
    assert_eq!(common::parse_dump(src), want);
}
