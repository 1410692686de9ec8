//! The `micropython` command's behaviour that matches official's unix port
//! (shared/spec/unix-cli.md): `sys.platform`, `sys.implementation._build`,
//! `__file__`, `-m` (modules, packages, frozen), `sys.atexit`, `-i` and
//! `MICROPYINSPECT`, `MICROPYPATH`, `-v`, and the exit codes of
//! `sys.exit`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_micropython")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mpy_opts_{}_{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(p: &Path, s: &str) {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(p, s).unwrap();
}

/// Runs the binary in `cwd` with `args`, `env` and `stdin`; returns
/// (stdout, stderr, exit code).
fn run_env(cwd: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> (String, String, i32) {
    let mut cmd = Command::new(bin());
    cmd.args(args).current_dir(cwd).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.env_remove("MICROPYPATH").env_remove("MICROPYINSPECT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

fn run(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    run_env(cwd, args, &[], "")
}

#[test]
fn platform_build_and_file() {
    let d = tmpdir("file");
    write(&d.join("helper.py"), "print('helper', __name__, __file__)\n");
    write(
        &d.join("main.py"),
        "import sys\nprint(sys.platform, sys.implementation._build, __name__, __file__)\nimport helper\n",
    );
    let (out, _, rc) = run(&d, &["main.py"]);
    assert_eq!(out, "linux standard __main__ main.py\nhelper helper helper.py\n");
    assert_eq!(rc, 0);
    // -c has no __file__.
    let (out, _, _) = run(&d, &["-c", "print('__file__' in globals())"]);
    assert_eq!(out, "False\n");
}

#[test]
fn dash_m() {
    let d = tmpdir("m");
    write(&d.join("mod.py"), "print('mod', __name__, __file__)\n");
    write(&d.join("pkg/__init__.py"), "print('init')\n");
    write(&d.join("pkg/__main__.py"), "import sys\nprint('main', __name__, __file__, sys.argv)\n");
    write(&d.join("lib/deep.py"), "print('deep', __name__)\n");
    assert_eq!(run(&d, &["-m", "mod"]).0, "mod __main__ mod.py\n");
    // A package: imported (its __init__ runs), then its __main__ runs.
    assert_eq!(run(&d, &["-m", "pkg", "a"]).0, "init\nmain __main__ pkg/__main__.py ['pkg', 'a']\n");
    // A submodule: the packages above it are imported first; relative
    // imports work from the module run as __main__.
    write(&d.join("pkg/sub.py"), "from . import helper\nprint('sub', __name__, helper.X)\n");
    write(&d.join("pkg/helper.py"), "X = 7\n");
    assert_eq!(run(&d, &["-m", "pkg.sub"]).0, "init\nsub __main__ 7\n");
    // A package without __main__.
    write(&d.join("bare/__init__.py"), "print('bare')\n");
    let (out, err, rc) = run(&d, &["-m", "bare"]);
    assert_eq!((out.as_str(), rc), ("bare\n", 1));
    assert!(err.contains("ImportError: no module named 'bare.__main__'"), "{err}");
    // A frozen submodule with a relative import.
    let (out, _, rc) = run(&d, &["-m", "frozenpkg.sub"]);
    assert_eq!((out.as_str(), rc), ("", 0));
    // Along MICROPYPATH.
    let lib = d.join("lib");
    let (out, _, rc) = run_env(&d, &["-m", "deep"], &[("MICROPYPATH", lib.to_str().unwrap())], "");
    assert_eq!((out.as_str(), rc), ("deep __main__\n", 0));
    // A frozen module (see ports/unix/manifest.txt).
    let (out, _, rc) = run(&d, &["-m", "frozentest", "-c"]);
    assert_eq!(rc, 0, "{out}");
    // Missing: ImportError on stderr, exit 1.
    let (out, err, rc) = run(&d, &["-m", "nope"]);
    assert_eq!((out.as_str(), rc), ("", 1));
    assert!(err.contains("ImportError: no module named 'nope'"), "{err}");
}

#[test]
fn micropypath() {
    let d = tmpdir("path");
    let (out, _, _) = run_env(&d, &["-c", "import sys; print(sys.path)"], &[("MICROPYPATH", "/a:~/b")], "");
    let home = std::env::var("HOME").unwrap_or_default();
    assert_eq!(out, format!("['', '/a', '{home}/b']\n"));
    let (out, _, _) = run(&d, &["-c", "import sys; print(sys.path[1])"]);
    assert_eq!(out, ".frozen\n");
}

#[test]
fn atexit() {
    let d = tmpdir("atexit");
    let (out, _, rc) = run(
        &d,
        &["-c", "import sys\ndef f(): print('bye')\nprint(sys.atexit(f))\nprint(sys.atexit(f) is f)\nsys.exit(3)"],
    );
    assert_eq!((out.as_str(), rc), ("None\nTrue\nbye\n", 3));
}

#[test]
fn exit_codes() {
    let d = tmpdir("exit");
    assert_eq!(run(&d, &["-c", "import sys; sys.exit()"]).2, 0);
    assert_eq!(run(&d, &["-c", "import sys; sys.exit(None)"]).2, 0);
    assert_eq!(run(&d, &["-c", "import sys; sys.exit(0)"]).2, 0);
    assert_eq!(run(&d, &["-c", "import sys; sys.exit(257)"]).2, 1);
    let (out, err, rc) = run(&d, &["-c", "import sys; sys.exit('msg')"]);
    assert_eq!((out.as_str(), err.as_str(), rc), ("", "msg\n", 1));
    assert_eq!(run(&d, &["-c", "raise KeyboardInterrupt"]).2, 130);
}

#[test]
fn inspect_after_script() {
    let d = tmpdir("inspect");
    write(&d.join("s.py"), "x = 41\n");
    // -i: the REPL follows, with the script's globals.
    let (out, _, rc) = run_env(&d, &["-i", "s.py"], &[], "print(x + 1)\n");
    assert!(out.contains("Type \"help()\" for more information.") && out.contains("42"), "{out}");
    assert_eq!(rc, 0);
    let (out, _, _) = run_env(&d, &["s.py"], &[("MICROPYINSPECT", "1")], "print(x + 2)\n");
    assert!(out.contains("43"), "{out}");
    let (out, _, _) = run_env(&d, &["s.py"], &[], "print(x + 2)\n");
    assert_eq!(out, "");
    // Also after an exception or sys.exit(); the REPL's exit code counts.
    let (out, _, rc) = run_env(&d, &["-i", "-c", "y = 5\n1/0"], &[], "print(y * 2)\n");
    assert!(out.contains("ZeroDivisionError") && out.contains("10"), "{out}");
    assert_eq!(rc, 0);
    let (out, _, rc) = run_env(&d, &["-i", "-c", "import sys\nsys.exit(4)"], &[], "print('still')\n");
    assert!(out.contains("still"), "{out}");
    assert_eq!(rc, 0);
    // An empty MICROPYINSPECT is off.
    let (out, _, _) = run_env(&d, &["s.py"], &[("MICROPYINSPECT", "")], "print(x + 2)\n");
    assert_eq!(out, "");
}

#[test]
fn verbose_prints_memory_statistics() {
    let d = tmpdir("verbose");
    let (out, _, rc) = run(&d, &["-v", "-c", "print(1)"]);
    assert!(out.starts_with("1\nstack: ") && out.contains("GC: total: "), "{out}");
    assert_eq!(rc, 0);
}
