//! Deep nesting must give a clean error (never a native stack overflow),
//! and nesting within the limit must parse.

#![allow(clippy::unwrap_used)]

use mpy_compiler::parser::MAX_DEPTH;
use mpy_compiler::{parse, Mode};

/// Runs `f` on a thread with a small stack, so that a recursion without a
/// depth limit would crash the test instead of passing by luck.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

fn too_complex(src: String) {
    on_small_stack(move || {
        let e = parse(src.as_bytes(), "t.py", Mode::Exec).unwrap_err();
        assert_eq!(
            format!("{}", e),
            "SyntaxError: too complex",
            "{}",
            &src[..40.min(src.len())]
        );
    });
}

#[test]
fn deep_inputs_fail_cleanly() {
    let n = 100_000;
    too_complex(format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)));
    too_complex(format!("x = {}\n", "(".repeat(n)));
    too_complex(format!("x = {}\n", "[".repeat(n)));
    too_complex(format!("x = {}\n", "{".repeat(n)));
    too_complex(format!("x = {}1\n", "-".repeat(n)));
    too_complex(format!("x = {}1\n", "not ".repeat(n)));
    too_complex(format!("x = {}1\n", "lambda: ".repeat(n)));
    too_complex(format!("x = 1{}\n", " if 1 else 1".repeat(n)));
    too_complex(format!("x = 2{}\n", "**2".repeat(n)));
    too_complex(format!("x = {}\n", "a[".repeat(n)));
    too_complex(format!("x = {}\n", "f(".repeat(n)));
    let mut s = String::new();
    for i in 0..1000 {
        s.push_str(&" ".repeat(i));
        s.push_str("if 1:\n");
    }
    s.push_str(&" ".repeat(1000));
    s.push_str("pass\n");
    too_complex(s);
}

#[test]
fn nesting_within_limit_parses() {
    let d = (MAX_DEPTH - 10) as usize;
    on_small_stack(move || {
        for src in [
            format!("x = {}1{}\n", "(".repeat(d), ")".repeat(d)),
            format!("x = {}1{}\n", "[".repeat(d), "]".repeat(d)),
            format!("x = {}1\n", "-".repeat(d)),
            format!("x = {}\n", "f(".repeat(d) + &")".repeat(d)),
        ] {
            assert!(
                parse(src.as_bytes(), "t.py", Mode::Exec).is_ok(),
                "{}",
                &src[..20]
            );
        }
        let mut s = String::new();
        for i in 0..d {
            s.push_str(&" ".repeat(i));
            s.push_str("if 1:\n");
        }
        s.push_str(&" ".repeat(d));
        s.push_str("pass\n");
        assert!(parse(s.as_bytes(), "t.py", Mode::Exec).is_ok());
    });
}

#[test]
fn nested_fstrings_fail_cleanly() {
    // f'{f"{f'{...}'}"}' cannot nest quotes of the same kind, but the
    // expression lexer recursion is bounded anyway.
    let mut s = String::from("x");
    for i in 0..50 {
        let q = if i % 2 == 0 { "\"" } else { "'" };
        s = format!("f{}{{{}}}{}", q, s, q);
    }
    let src = format!("y = {}\n", s);
    on_small_stack(move || {
        assert!(parse(src.as_bytes(), "t.py", Mode::Exec).is_err());
    });
}
