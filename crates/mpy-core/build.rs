//! Generates the built-in qstr table from one source of truth: every
//! `q::NAME` used in `src/**/*.rs` (and the ports' `ports/*/src`), plus the names below that are not Rust
//! identifiers, plus every one-character ASCII string. The table is sorted
//! by string; each
//! entry carries its precomputed hash, and an open-addressing hash index
//! (`STATIC_INDEX`) maps text to id with one hash and, expectedly, one
//! compare.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Qstrs whose text is not a Rust identifier: (identifier, text).
const SPECIAL: &[(&str, &str)] = &[
    ("empty", ""),
    ("slash", "/"),
    ("angle_module", "<module>"),
    ("angle_lambda", "<lambda>"),
    ("angle_listcomp", "<listcomp>"),
    ("angle_dictcomp", "<dictcomp>"),
    ("angle_setcomp", "<setcomp>"),
    ("angle_genexpr", "<genexpr>"),
    ("angle_stdin", "<stdin>"),
    ("angle_string", "<string>"),
    ("star", "*"),
    ("dot_frozen", ".frozen"),
    ("ps1_text", ">>> "),
    ("ps2_text", "... "),
    ("kw_super", "super"),
    ("heap_locked_msg", "memory allocation failed, heap is locked"),
];

fn scan(dir: &Path, names: &mut BTreeMap<String, String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            scan(&p, names);
        } else if p.extension().is_some_and(|x| x == "rs") {
            println!("cargo:rerun-if-changed={}", p.display());
            let Ok(src) = fs::read_to_string(&p) else { continue };
            let b = src.as_bytes();
            let mut i = 0;
            while let Some(off) = src[i..].find("q::") {
                let start = i + off;
                i = start + 3;
                // Must not be part of a longer path segment like `xq::`.
                if start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_') {
                    continue;
                }
                let mut j = i;
                let raw = src[j..].starts_with("r#");
                if raw {
                    j += 2;
                }
                let s = j;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                if j == s {
                    continue;
                }
                let ident = &src[s..j];
                if SPECIAL.iter().any(|(id, _)| *id == ident) {
                    continue;
                }
                let ident_full = if raw { format!("r#{ident}") } else { ident.to_string() };
                names.insert(ident.to_string(), ident_full);
            }
        }
    }
}

/// FNV-1a, the string hash used for qstrs and str objects alike.
fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

/// Slot of hash `h` in an open-addressing index of `mask + 1` slots (the
/// same function as `qstr::slot_of`).
fn slot_of(h: u32, mask: usize) -> usize {
    ((h ^ (h >> 15)) as usize) & mask
}

fn main() {
    let src = Path::new("src");
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    scan(src, &mut names);
    // The ports' own modules (`machine`, `pyb`, ...) name their attributes
    // with `q::NAME` too: their qstrs are built in as well.
    if let Ok(rd) = fs::read_dir("../../ports") {
        for e in rd.flatten() {
            scan(&e.path().join("src"), &mut names);
        }
    }
    // text -> ident ("" for entries without a `q::` constant)
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for (text, ident) in &names {
        table.insert(text.clone(), ident.clone());
    }
    for (ident, text) in SPECIAL {
        table.insert((*text).to_string(), (*ident).to_string());
    }
    // Every one-character ASCII string is built in, so indexing or
    // iterating a str and `ch.lower()` allocate nothing.
    for b in 0u8..0x80 {
        table.entry((b as char).to_string()).or_default();
    }
    let texts: Vec<&String> = table.keys().collect();
    let n = texts.len();
    assert!(n < u16::MAX as usize, "too many static qstrs for the u16 index");
    let hashes: Vec<u32> = texts.iter().map(|t| hash(t)).collect();
    // Open-addressing index (linear probing) at load <= 2/3 (u16 entries:
    // 2 KiB of read-only memory for up to 682 qstrs).
    let size = (n * 3).div_ceil(2).next_power_of_two();
    let mask = size - 1;
    let mut index = vec![u16::MAX; size];
    for (id, &h) in hashes.iter().enumerate() {
        let mut i = slot_of(h, mask);
        while index[i] != u16::MAX {
            i = (i + 1) & mask;
        }
        index[i] = id as u16;
    }
    let mut ascii = [0u16; 128];
    for (id, t) in texts.iter().enumerate() {
        if t.len() == 1 && t.as_bytes()[0] < 0x80 {
            ascii[t.as_bytes()[0] as usize] = id as u16;
        }
    }
    let mut out = String::new();
    out.push_str("// @generated by build.rs from the q::NAME uses in src/\n");
    out.push_str(&format!("/// Number of built-in qstrs.\npub const N_STATIC: usize = {n};\n"));
    // A `&str` per qstr (8 bytes on 32-bit targets): one string with u16
    // offsets would save ~3.5 KiB of flash but costs 2% on desktop str
    // code (one-character strs are built-in qstrs read on hot paths).
    out.push_str("/// Built-in qstr texts, sorted; index = qstr id.\npub static STATIC_STRS: [&str; N_STATIC] = [\n");
    for text in &texts {
        out.push_str(&format!("    {:?},\n", text));
    }
    out.push_str("];\n/// Hashes of the built-in qstrs, by id.\npub static STATIC_HASHES: [u32; N_STATIC] = [\n");
    for h in &hashes {
        out.push_str(&format!("    {h},\n"));
    }
    out.push_str(&format!(
        "];\n/// Open-addressing index of the built-in qstrs: slot `slot_of(hash)`\n/// then linear probing; `u16::MAX` marks an empty slot.\nstatic STATIC_INDEX: [u16; {size}] = [\n"
    ));
    for chunk in index.chunks(16) {
        let row: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        out.push_str(&format!("    {},\n", row.join(", ")));
    }
    out.push_str("];\n/// The id of each one-character ASCII qstr, by character code.\nstatic ASCII_QSTRS: [u16; 128] = [\n");
    for chunk in ascii.chunks(16) {
        let row: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        out.push_str(&format!("    {},\n", row.join(", ")));
    }
    out.push_str("];\n/// One constant per named built-in qstr, named after its text.\n#[allow(non_upper_case_globals, dead_code, missing_docs)]\npub mod q {\n    use super::Qstr;\n");
    for (i, ident) in table.values().enumerate() {
        if !ident.is_empty() {
            out.push_str(&format!("    pub const {}: Qstr = Qstr({});\n", ident, i));
        }
    }
    out.push_str("}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("qstr_gen.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../../ports");
    println!("cargo:rerun-if-changed=build.rs");
}
