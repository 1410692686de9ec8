//! The unix binary with .mpy files and frozen modules: import order, bad
//! .mpy errors, frozen modules running from read-only memory (heap growth
//! far below their bytecode size), `-X compile-only` and `-v -v`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_micropython")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mpy_cli_{}_{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    let o = Command::new(bin()).args(args).current_dir(cwd).output().unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

fn mpy_of(src: &str) -> Vec<u8> {
    let m = mpy_compiler::compile(src.as_bytes(), "m.py", &Default::default()).unwrap();
    mpy_bytecode::write_mpy(&m)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn import_order_py_then_mpy_and_packages() {
    let d = tmpdir("order");
    std::fs::write(d.join("both.py"), "print('py')\n").unwrap();
    std::fs::write(d.join("both.mpy"), mpy_of("print('mpy')\n")).unwrap();
    std::fs::write(d.join("only.mpy"), mpy_of("print('only mpy', __name__)\n")).unwrap();
    std::fs::create_dir_all(d.join("pk")).unwrap();
    std::fs::write(d.join("pk/__init__.mpy"), mpy_of("X = 5\n")).unwrap();
    std::fs::write(d.join("pk/sub.mpy"), mpy_of("from . import X\nY = X + 1\n")).unwrap();
    let (out, _, rc) = run(&d, &["-c", "import both, only, pk.sub; print(pk.X, pk.sub.Y)"]);
    assert_eq!(out, "py\nonly mpy only\n5 6\n");
    assert_eq!(rc, 0);
}

#[test]
fn bad_mpy_is_value_error() {
    let d = tmpdir("bad");
    let good = mpy_of("def f():\n    return 1\nprint(f())\n");
    std::fs::write(d.join("trunc.mpy"), &good[..good.len() / 2]).unwrap();
    std::fs::write(d.join("junk.mpy"), b"hello").unwrap();
    for m in ["trunc", "junk"] {
        let (out, _, rc) = run(&d, &["-c", &format!("import {m}")]);
        assert!(out.ends_with("ValueError: incompatible .mpy file\n"), "{out}");
        assert_eq!(rc, 1);
    }
    std::fs::write(d.join("good.mpy"), &good).unwrap();
    assert_eq!(run(&d, &["good.mpy"]).0, "1\n");
}

#[test]
fn frozen_modules() {
    let d = tmpdir("frozen");
    let (out, _, rc) = run(
        &d,
        &["-c", "import frozentest, frozenpkg.sub, frozen_official as o\nprint(frozentest.greet('x'), frozenpkg.sub.where(), o.fib(10), o.Point(1, 2), o.VALUE)"],
    );
    assert_eq!(out, "hello from a frozen module, x! frozenpkg.sub 55 Point(1, 2) 12345678901234567890\n");
    assert_eq!(rc, 0);
    // Without '.frozen' on sys.path they are not found.
    let (out, _, _) = run(&d, &["-c", "import sys\nsys.path.remove('.frozen')\ntry:\n import frozentest\nexcept ImportError as e:\n print(e)"]);
    assert_eq!(out, "no module named 'frozentest'\n");
    assert_eq!(run(&d, &["-m", "frozentest"]).2, 0);
}

/// Sum of all fun_data sizes of a module's raw codes.
fn code_size(rc: &mpy_bytecode::RawCode) -> usize {
    rc.fun_data.len() + rc.children.iter().map(code_size).sum::<usize>()
}

#[test]
fn frozen_code_is_not_copied_to_the_heap() {
    let src_path = repo().join("ports/unix/frozen/frozentest.py");
    let src = std::fs::read(&src_path).unwrap();
    let m = mpy_compiler::compile(&src, "frozentest.py", &Default::default()).unwrap();
    let size = code_size(&m.raw_code);
    assert!(size > 3000, "frozentest should have a big function ({size} bytes)");
    let d = tmpdir("mem");
    std::fs::write(d.join("diskcopy.py"), &src).unwrap();
    let script = repo().join("ports/unix/tests/frozen_mem.py");
    let (out, err, rc) = run(&d, &[script.to_str().unwrap(), &size.to_string(), d.to_str().unwrap()]);
    print!("{out}{err}");
    assert!(out.ends_with("OK\n"), "{out}{err}");
    assert_eq!(rc, 0);
}

#[test]
fn compile_only_and_bytecode_dump() {
    let d = tmpdir("opts");
    let (out, _, rc) = run(&d, &["-X", "compile-only", "-c", "print('ran')"]);
    assert_eq!((out.as_str(), rc), ("", 0));
    let (out, _, rc) = run(&d, &["-X", "compile-only", "-c", "1 +"]);
    assert!(out.contains("SyntaxError"), "{out}");
    assert_eq!(rc, 1);
    // -v -v: the bytecode in the official debug printer's layout, then the
    // output, then (-v) the memory statistics.
    let (out, _, rc) = run(&d, &["-v", "-v", "-c", "def f(a):\n    return a * 2\nprint(f(21))"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("File <stdin>, code block '<module>' (descriptor: "), "{out}");
    assert!(lines[1].starts_with("Raw bytecode (code_info_size="), "{out}");
    for want in ["arg names:", "(N_STATE 3)", "(N_EXC_STACK 0)", "  bc=0 line=1", "00 MAKE_FUNCTION ", "04 LOAD_NAME print",
        "CALL_FUNCTION n=1 nkw=0", "RETURN_VALUE", "arg names: a", "00 LOAD_FAST 0", "01 LOAD_CONST_SMALL_INT 2",
        "02 BINARY_OP 29 __mul__", "42", "GC: total: "]
    {
        assert!(lines.iter().any(|l| l.starts_with(want) || l.ends_with(want)), "{want:?} missing in {out}");
    }
    let f_block = out.find("code block 'f'").unwrap_or(0);
    assert!(f_block > 0 && out.find("42\n").unwrap_or(0) > f_block, "{out}");
    assert_eq!(rc, 0);
}
