//! Local check: every `.py` file of the differential test corpus (written
//! on another branch, at `/work/wt/tests/tests`, or `$MPY_TEST_CORPUS`)
//! must parse. Skipped (passes) when the directory is absent, e.g. in CI.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_files_parse() {
    let root = std::env::var("MPY_TEST_CORPUS").unwrap_or_else(|_| "/work/wt/tests/tests".into());
    let root = Path::new(&root);
    if !root.is_dir() {
        eprintln!("corpus {} absent: skipped", root.display());
        return;
    }
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        let Ok(src) = std::fs::read(f) else { continue };
        let r = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn_scoped(s, || {
                    mpy_compiler::parse(&src, "t.py", mpy_compiler::Mode::Exec).err()
                })
                .map(|h| h.join())
        });
        match r {
            Ok(Ok(None)) => {}
            Ok(Ok(Some(e))) => failures.push(format!("{}: {} @{}", f.display(), e, e.line)),
            _ => failures.push(format!("{}: panicked", f.display())),
        }
    }
    eprintln!(
        "corpus: {} files, {} failed to parse",
        files.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
