//! The compiler never panics or aborts for lack of memory or stack: under
//! every memory budget from 0 up (in steps) it either returns the same
//! output as without a limit or `MemoryError`, and deep nesting under a
//! native stack limit is `RuntimeError`, never a stack overflow.

#![allow(clippy::unwrap_used)]

use mpy_compiler::{compile, compile_traced_lines, CompileOptions, ErrorKind, Mode};
use std::path::Path;

/// Compiles `src` under budgets 0, `step`, 2*`step`, ... until it fits,
/// checking each result, and then under a few larger budgets. Returns
/// the smallest budget tried that fits.
fn sweep(name: &str, src: &[u8], mode: Mode, step: usize) -> usize {
    let unlimited = CompileOptions { mode, ..CompileOptions::DEFAULT };
    let full = compile(src, name, &unlimited);
    let mut budget = 0;
    loop {
        let opts = CompileOptions { mem_limit: budget, ..unlimited };
        match compile(src, name, &opts) {
            Ok(m) => {
                assert_eq!(Ok(&m), full.as_ref(), "{name}: budget {budget}");
                break;
            }
            Err(e) if e.kind == ErrorKind::MemoryError => {
                assert_eq!(e.msg, "memory allocation failed", "{name}");
                assert!(budget < 1 << 26, "{name}: does not fit 64 MiB");
            }
            Err(e) => {
                // A source error is found whatever the budget, once the
                // budget lets the compiler get that far.
                assert_eq!(Err(&e), full.as_ref().map(|_| ()).map_err(|e| e), "{name}: budget {budget}");
                break;
            }
        }
        budget += step;
    }
    // The same allocations are made whatever the budget: every larger
    // one fits too.
    for extra in [1, 7, 100, 4096] {
        let opts = CompileOptions { mem_limit: budget + extra, ..unlimited };
        assert_eq!(compile(src, name, &opts), full, "{name}: budget {}", budget + extra);
    }
    budget
}

#[test]
fn every_budget_gives_the_result_or_memory_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut n = 0;
    for p in files.iter().filter(|p| p.extension().is_some_and(|x| x == "py")) {
        let src = std::fs::read(p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        // Fine steps at the start (every early allocation fails once),
        // coarser ones for the long tail.
        let need = sweep(&name, &src, Mode::Exec, 1 + src.len() / 64);
        assert!(need > 0, "{name}");
        n += 1;
    }
    assert!(n >= 20, "corpus not found: {}", dir.display());
}

#[test]
fn every_budget_on_small_sources() {
    let srcs: &[(&str, Mode)] = &[
        ("", Mode::Exec),
        ("x = 1\n", Mode::Exec),
        ("1 + 2", Mode::Eval),
        ("a = 1; b = 2\n", Mode::Single),
        ("x = 2 ** 200 // 3 - (1 << 100)\ny = f'{x!r:>{w}} {y}'\n", Mode::Exec),
        ("from micropython import const\nX = const(1 << 40)\ndef f(a, *b, c=X, **d):\n    return [i for i in b if i > c]\n", Mode::Exec),
        ("class A(B):\n    def f(self):\n        nonlocal_ = 1\n        return super().f(lambda: nonlocal_)\n", Mode::Exec),
        ("try:\n    with a as b, c:\n        pass\nexcept E as e:\n    raise\nfinally:\n    del x\n", Mode::Exec),
        ("async def f():\n    async for x in y:\n        await z\n", Mode::Exec),
        ("x = (1, 2.5, 3j, 'abc', b'def', None, ..., 123456789012345678901234567890)\n", Mode::Exec),
        ("def f(:\n", Mode::Exec),
        ("return 1\n", Mode::Exec),
        ("x = '\\N{DASH}'\n", Mode::Exec),
        ("if 1:\n  a\n   b\n", Mode::Exec),
        ("x = 1\r\ny = 2", Mode::Exec),
    ];
    for (src, mode) in srcs {
        sweep(src, src.as_bytes(), *mode, 1);
    }
}

#[test]
fn huge_folds_and_literals_are_memory_errors() {
    let opts = CompileOptions { mem_limit: 64 * 1024, ..CompileOptions::DEFAULT };
    // Folded (as far as MicroPython folds them) or not: never an abort.
    for src in ["x = 2 ** 10000000\n", "x = 10 ** 100000 * 10 ** 100000\n", "x = 1 << 100000000\n", "x = -(1 << 1000000) // 3\n"] {
        if let Err(e) = compile(src.as_bytes(), "t.py", &opts) {
            assert_eq!(e.kind, ErrorKind::MemoryError, "{src}");
        }
    }
    let big = format!("x = {}\n", "9".repeat(100_000));
    assert_eq!(compile(big.as_bytes(), "t.py", &opts).unwrap_err().kind, ErrorKind::MemoryError);
    let many = "x = 1\n".repeat(20_000);
    assert_eq!(compile(many.as_bytes(), "t.py", &opts).unwrap_err().kind, ErrorKind::MemoryError);
}

/// Runs `f` on a thread with a 1 MiB stack: a recursion past the limit
/// would crash the test.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new().stack_size(1 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn deep_nesting_under_a_stack_limit_is_runtime_error() {
    on_small_stack(|| {
        let opts = CompileOptions { stack_limit: 256 * 1024, max_depth: u32::MAX, ..CompileOptions::DEFAULT };
        let n = 100_000;
        let mut deep = vec![
            format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
            format!("x = {}\n", "[".repeat(n)),
            format!("x = {}1\n", "-".repeat(n)),
            format!("x = {}1\n", "not ".repeat(n)),
            format!("x = {}1\n", "lambda: ".repeat(n)),
            format!("x = 1{}\n", " if 1 else 1".repeat(n)),
            format!("x = 2{}\n", "**2".repeat(n)),
            format!("x = a{}\n", ".b".repeat(n)),
            format!("x = a{}\n", "[0]".repeat(n)),
            format!("x = f{}\n", "()".repeat(n)),
            format!("x = {}\n", "f(".repeat(n) + &")".repeat(n)),
            format!("x = [a {}]\n", "for a in b ".repeat(n)),
        ];
        let mut s = String::new();
        for i in 0..3000 {
            s.push_str(&" ".repeat(i));
            s.push_str(if i % 2 == 0 { "if 1:\n" } else { "def f():\n" });
        }
        s.push_str(&" ".repeat(3000));
        s.push_str("pass\n");
        deep.push(s);
        for src in &deep {
            let e = compile(src.as_bytes(), "t.py", &opts).unwrap_err();
            assert_eq!(e.kind, ErrorKind::RuntimeError, "{}", &src[..30]);
            assert_eq!(e.to_string(), "RuntimeError: maximum recursion depth exceeded");
        }
        // Moderate nesting compiles within the same limit.
        for src in ["x = ((((((((((1))))))))))\n", "x = a.b.c.d.e.f.g.h\n", "x = [[[[[[[[]]]]]]]]\n"] {
            assert!(compile(src.as_bytes(), "t.py", &opts).is_ok(), "{src}");
        }
    });
}

#[test]
fn stack_and_memory_limits_together() {
    on_small_stack(|| {
        let src = format!("x = {}1{}\ny = a{}\n", "(".repeat(40), ")".repeat(40), ".b".repeat(40));
        let mut ok = 0;
        for budget in (0..64 * 1024).step_by(97) {
            let opts = CompileOptions { mem_limit: budget, stack_limit: 200 * 1024, max_depth: u32::MAX, ..CompileOptions::DEFAULT };
            match compile_traced_lines(src.as_bytes(), "t.py", &opts, true) {
                Ok(_) => ok += 1,
                Err(f) => assert!(matches!(f.error.kind, ErrorKind::MemoryError | ErrorKind::RuntimeError), "{:?}", f.error),
            }
        }
        assert!(ok > 0);
    });
}
