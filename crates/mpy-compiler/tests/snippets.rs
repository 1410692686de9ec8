//! Emitted `.mpy` bytes for small snippets, checked against bytes produced
//! by official `mpy-cross` 1.29 (recorded here, so these tests need no
//! external tool).
// With single-precision folding the float constants differ from mpy-cross's by design.
#![cfg(not(feature = "float-single"))]

use mpy_compiler::{compile, CompileOptions, Mode};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

const SNIPPETS: &[(&str, &str, CompileOptions, &str)] = &[
    ("worked_example", "def f(a):\n    return a+1\nprint(f(2))\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f050008732e7079000f02660081770261008124100401443200160211031102823401340159516301481106020420b081f263"),
    ("for_range", "for i in range(10):\n    print(i)\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f040008732e7079000f026900817781581004012680424c5716021103110234015981e5578ad7432f595163"),
    ("closure", "def f():\n    x = 1\n    def g():\n        return x\n    return g\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f050008732e7079000f0266000267000b4c00020132001602516301810c10090220234501812701b1200001c0b06301400906030460250063"),
    ("try_except_as", "try:\n    f()\nexcept E as e:\n    g(e)\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f060008732e7079000f0266000245000265000267008260a80206012251480711023400594a1b571103df445416044908110511043401595151160419045d4a015d5163"),
    ("with_stmt", "with a as b:\n    c()\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f050008732e7079000f0261000262000263008120240401261102470816031104340059515c5d5163"),
    ("listcomp", "x = [i * 2 for i in y if i]\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f060008732e7079000f143c6c697374636f6d703e000279000278000b6c08020132001103340116045163018130410402052b00b05f4b0bc1b1443ab182f42f14423363"),
    ("class_super", "class A(B):\n    def f(self):\n        return super().f()\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f0b0008732e7079000f0241000266000242002f2d350b8213823581041802015432001002110434031602516301812c08050228001105160610021607b02000011603b063018100220803080940120a2500b11503360063"),
    ("const_fold", "from micropython import const\nX = const(3)\n_Y = const(4)\nz = X * _Y + 2 ** 40 - 1.5\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f060108732e7079000f81118167025800027a00080f313039393531313632373738362e3581500806012c438010022a011b031c02160259831604230016055163"),
    ("assert_O0", "assert x, 'm'\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f050008732e7079000f3f026d00027800810008020111044347120210033401655163"),
    ("assert_O1", "assert x, 'm'\n", CompileOptions { opt_level: 1, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f020008732e7079000f280002015163"),
    ("lines_O3", "a = 1\nb = 2\nc = 3\n", CompileOptions { opt_level: 3, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f050008732e7079000f026100026200026300700002018116028216038316045163"),
    ("small_int_bits", "x = 100000\n", CompileOptions { opt_level: 0, small_int_bits: 16, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d060010030108732e7079000f027800070631303030303048000201230016025163"),
    ("jump_sizes", "while a:\n    x0 = y\n    x1 = y\n    x2 = y\n    x3 = y\n    x4 = y\n    x5 = y\n    x6 = y\n    x7 = y\n    x8 = y\n    x9 = y\n    x10 = y\n    x11 = y\n    x12 = y\n    x13 = y\n    x14 = y\n    x15 = y\n    x16 = y\n    x17 = y\n    x18 = y\n    x19 = y\n    x20 = y\n    x21 = y\n    x22 = y\n    x23 = y\n    x24 = y\n    x25 = y\n    x26 = y\n    x27 = y\n    x28 = y\n    x29 = y\n    x30 = y\n    x31 = y\n    x32 = y\n    x33 = y\n    x34 = y\n    x35 = y\n    x36 = y\n    x37 = y\n    x38 = y\n    x39 = y\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f2c0008732e7079000f027900047830000478310004783200047833000478340004783500047836000478370004783800047839000678313000067831310006783132000678313300067831340006783135000678313600067831370006783138000678313900067832300006783231000678323200067832330006783234000678323500067832360006783237000678323800067832390006783330000678333100067833320006783333000678333400067833350006783336000678333700067833380006783339000261008d280052012324242424242424242424242424242424242424242424242424242424242424242424242424242442a081110216031102160411021605110216061102160711021608110216091102160a1102160b1102160c1102160d1102160e1102160f110216101102161111021612110216131102161411021615110216161102161711021618110216191102161a1102161b1102161c1102161d1102161e1102161f110216201102162111021622110216231102162411021625110216261102162711021628110216291102162a112b43db7e5163"),
    ("async_def", "async def f():\n    async with a as b:\n        await b\n", CompileOptions { opt_level: 0, small_int_bits: 31, mode: Mode::Exec, ..CompileOptions::DEFAULT }, "4d06001f080008732e7079000f026600145f5f61656e7465725f5f0043125f5f61657869745f5f00150261004c000201320016025163018448bc400602202d120757140336005e5168c04909b05e516859515a425f571204df4457575b5a14055b5b5713065a5136035e516844515951424d5b5b140551575736035e5168595d5163"),
];

#[test]
fn snippets_match_official_bytes() {
    let mut bad = Vec::new();
    for (name, src, opts, expected) in SNIPPETS {
        let m = match compile(src.as_bytes(), "s.py", opts) {
            Ok(m) => m,
            Err(e) => {
                bad.push(format!("{name}: compile error {e:?}"));
                continue;
            }
        };
        let got = hex(&mpy_bytecode::write_mpy(&m));
        if got != *expected {
            bad.push(format!("{name}:\n  official {expected}\n  ours     {got}"));
        }
    }
    assert!(bad.is_empty(), "{} of {} snippets differ:\n{}", bad.len(), SNIPPETS.len(), bad.join("\n"));
}

#[test]
fn compile_errors_have_micropython_messages() {
    let cases: &[(&str, &str, u32)] = &[
        ("return 1\n", "'return' outside function", 1),
        ("x = 1\nbreak\n", "'break'/'continue' outside loop", 2),
        ("def f():\n    x = 1\n    global x\n", "identifier redefined as global", 3),
        ("f() = 1\n", "can't assign to expression", 1),
        ("await x\n", "'await' outside function", 1),
        ("def f():\n    nonlocal q\n", "no binding for nonlocal found", 2),
        ("nonlocal q\n", "can't declare nonlocal in outer code", 1),
        ("x = [*a]\n", "*x must be assignment target", 1),
        ("def f():\n    async with a:\n        pass\n", "async for/with outside async function", 2),
    ];
    for (src, msg, line) in cases {
        match compile(src.as_bytes(), "e.py", &CompileOptions::default()) {
            Ok(_) => panic!("{src:?} compiled"),
            Err(e) => {
                assert_eq!(e.msg, *msg, "{src:?}");
                assert_eq!(e.line, *line, "{src:?}");
            }
        }
    }
}

#[test]
fn eval_mode_returns_value() {
    let opts = CompileOptions { mode: Mode::Eval, ..CompileOptions::default() };
    let m = compile(b"1 + x\n", "<string>", &opts).expect("compiles");
    let code = &m.raw_code.fun_data;
    // ... LOAD_CONST_SMALL_INT 1, LOAD_NAME x, BINARY_OP ADD, RETURN_VALUE
    assert_eq!(&code[code.len() - 5..], &[0x81, 0x11, 0x02, 0xf2, 0x63]);
}

#[test]
fn single_mode_prints_expression_statements() {
    let opts = CompileOptions { mode: Mode::Single, ..CompileOptions::default() };
    let m = compile(b"1\n", "<stdin>", &opts).expect("compiles");
    assert_eq!(m.qstrs.iter().filter(|q| *q == "__repl_print__").count(), 1);
    let code = &m.raw_code.fun_data;
    // LOAD_NAME __repl_print__, 1, CALL_FUNCTION 1, POP_TOP, None, RETURN
    assert_eq!(&code[code.len() - 8..], &[0x11, 0x02, 0x81, 0x34, 0x01, 0x59, 0x51, 0x63]);
}
