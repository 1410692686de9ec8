//! Every `.py` file of the repository's differential test corpus
//! (`tests/`, or `$MPY_TEST_CORPUS`) must parse, except the deliberately
//! malformed ones under `bad_input/`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "bad_input") {
                continue;
            }
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_files_parse() {
    let root = std::env::var("MPY_TEST_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests").into());
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
