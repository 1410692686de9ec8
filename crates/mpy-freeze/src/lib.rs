//! Frozen modules at build time: a port's build script ([`freeze`]) turns
//! a manifest of `.py`/`.mpy` files into Rust source for a
//! `static FROZEN: &[mpy_core::vm::frozen::FrozenModule]` of `.mpy` images,
//! whose bytecode and strings are `'static` data the VM runs in place (from
//! flash on a board). Used by the unix port and the Cortex-M boards.
//!
//! Each manifest line (blank lines and `#` comments ignored) is a path
//! relative to the repository root: a `.py` file (compiled here with the
//! mpy-compiler crate), a `.mpy` file (read and checked with mpy-bytecode)
//! or a directory (every `.py`/`.mpy` below it, named by their path
//! relative to that directory, so `dir/pkg/__init__.py` is package `pkg`).

use mpy_bytecode::{CompiledModule, RawCode, RawCodeKind};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Small-int width (bits) of the target being built: its pointer width
/// minus one (`CARGO_CFG_TARGET_POINTER_WIDTH`, as build scripts see it).
pub fn target_small_int_bits() -> u8 {
    std::env::var("CARGO_CFG_TARGET_POINTER_WIDTH")
        .ok()
        .and_then(|w| w.parse::<u8>().ok())
        .unwrap_or(64)
        - 1
}

/// Compiles the modules listed in `manifests` (paths relative to `root`)
/// for a VM with `bits`-bit small ints and writes the table to
/// `$OUT_DIR/frozen.rs`, with `doc` as its doc comment. Prints the
/// `cargo:rerun-if-changed` lines for every file it reads. Two manifests
/// naming the same module path: the first wins.
pub fn freeze(manifests: &[PathBuf], root: &Path, bits: u8, doc: &str) -> Result<(), String> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for manifest in manifests {
        println!("cargo:rerun-if-changed={}", manifest.display());
        let text = std::fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let p = root.join(line);
            println!("cargo:rerun-if-changed={}", p.display());
            if p.is_dir() {
                collect_dir(&p, &p, &mut files)?;
            } else {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((name, p));
            }
        }
    }
    let mut out = format!("/// {doc}\npub static FROZEN: &[mpy_core::vm::frozen::FrozenModule] = &[\n");
    let mut seen: Vec<&str> = Vec::new();
    for (name, path) in &files {
        if seen.contains(&name.as_str()) {
            continue;
        }
        seen.push(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let module = if name.ends_with(".mpy") {
            mpy_bytecode::read_mpy_checked(&data, bits).map_err(|e| format!("{}: {e}", path.display()))?
        } else if name.ends_with(".py") {
            let opts = mpy_compiler::CompileOptions { small_int_bits: bits, ..Default::default() };
            mpy_compiler::compile(&data, name, &opts).map_err(|e| format!("{}: {e:?}", path.display()))?
        } else {
            return Err(format!("{}: not a .py or .mpy file", path.display()));
        };
        mpy_bytecode::validate::validate_module(&module).map_err(|e| format!("{}: {e:?}", path.display()))?;
        emit_module(&mut out, name, &module)?;
    }
    out.push_str("];\n");
    let out_path = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("frozen.rs");
    std::fs::write(&out_path, out).map_err(|e| format!("{}: {e}", out_path.display()))
}

fn collect_dir(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_dir(base, &p, files)?;
        } else if p.extension().is_some_and(|e| e == "py" || e == "mpy") {
            let rel = p.strip_prefix(base).map_err(|e| e.to_string())?;
            files.push((rel.to_string_lossy().replace('\\', "/"), p.clone()));
        }
    }
    Ok(())
}

fn emit_module(out: &mut String, name: &str, m: &CompiledModule) -> Result<(), String> {
    if !all_bytecode(&m.raw_code) {
        return Err("frozen modules must be bytecode".into());
    }
    let mpy = mpy_bytecode::write_mpy(m);
    let _ = write!(out, "    mpy_core::vm::frozen::FrozenModule {{\n        path: {name:?},\n        mpy: &{mpy:?},\n    }},\n");
    Ok(())
}

fn all_bytecode(rc: &RawCode) -> bool {
    rc.kind == RawCodeKind::Bytecode && rc.children.iter().all(all_bytecode)
}
