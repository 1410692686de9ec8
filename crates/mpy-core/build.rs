//! Generates the built-in qstr table from one source of truth: every
//! `q::NAME` used in the `src/**/*.rs` files this build compiles (and the
//! ports' `ports/*/src`), plus the names below that are not Rust
//! identifiers, plus MicroPython's static qstrs (the ids `.mpy` files may
//! refer to, `mpy_bytecode::static_qstr`), plus every one-character ASCII
//! string.
//!
//! A module file left out by a feature (`#[cfg(feature = "math")] mod
//! math;`, the module presets) or by the target (`#[cfg(target_os =
//! "none")]`) is not scanned, so its names are not built in; nor are the
//! names used only inside items under a `#[cfg(PRED)]` the scan decides
//! false (`Cfg::excluded_items`).
//!
//! Layout: ids `0..128` are the one-character ASCII strings (id = the
//! character code); the other ("named") qstrs follow, grouped by hash
//! bucket. `STATIC_BUCKETS[b]..STATIC_BUCKETS[b + 1]` are the named qstrs
//! (relative to 128) whose hash falls in bucket `b`, so a lookup hashes
//! once and compares the few hashes of one bucket. On 32-bit targets (the
//! boards) hashes are 16 bits and the texts are one string with `u16` end
//! offsets; 64-bit targets keep a `&str` and a `u32` hash per qstr.

use std::collections::BTreeMap;
use std::env;
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

/// Which `cfg` predicates the scan can decide.
struct Cfg {
    /// Decide `feature = "..."`: mpy-core's own features (`Own`), or
    /// (`Port`) a port's `machine` and `fs`, known from mpy-core's
    /// `port-machine` and `port-fs` (others undecided).
    features: Features,
    /// The target's `target_os`.
    target_os: String,
}

/// Whose features a [`Cfg`] decides.
#[derive(PartialEq)]
enum Features {
    Own,
    Port,
}

impl Cfg {
    /// Whether `pred` (the inside of `#[cfg(...)]`) holds; None when the
    /// scan cannot tell (the file is then scanned).
    fn eval(&self, pred: &str) -> Option<bool> {
        let pred = pred.trim();
        if let Some(inner) = pred.strip_prefix("not(").and_then(|p| p.strip_suffix(')')) {
            return self.eval(inner).map(|b| !b);
        }
        for (op, all) in [("all(", true), ("any(", false)] {
            if let Some(inner) = pred.strip_prefix(op).and_then(|p| p.strip_suffix(')')) {
                // Decided when one operand decides it, or all are known.
                let mut known = true;
                for part in split_top(inner) {
                    match self.eval(part) {
                        Some(b) if b != all => return Some(b),
                        Some(_) => {}
                        None => known = false,
                    }
                }
                return known.then_some(all);
            }
        }
        let (key, val) = pred.split_once('=')?;
        let val = val.trim().trim_matches('"');
        match key.trim() {
            "feature" if self.features == Features::Own => {
                let var = format!("CARGO_FEATURE_{}", val.to_uppercase().replace('-', "_"));
                Some(env::var_os(var).is_some())
            }
            "feature" if matches!(val, "machine" | "fs") => {
                let var = format!("CARGO_FEATURE_PORT_{}", val.to_uppercase());
                Some(env::var_os(var).is_some())
            }
            "target_os" => Some(self.target_os == val),
            _ => None,
        }
    }

    /// The byte ranges of `src` this build leaves out: each item,
    /// statement, field or match arm under a `#[cfg(PRED)]` whose PRED is
    /// false (with the attributes and comments after the `cfg`).
    fn excluded_items(&self, src: &str) -> Vec<(usize, usize)> {
        let b = src.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(off) = src[from..].find("#[cfg(") {
            let at = from + off;
            from = at + 6;
            // The predicate: up to the `)` matching `cfg(`, then `]`.
            let mut depth = 1;
            let mut j = from;
            while j < b.len() && depth > 0 {
                match b[j] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if b.get(j) != Some(&b']') || self.eval(&src[from..j - 1]) != Some(false) {
                continue;
            }
            // Past further attributes, comments and white space.
            let mut k = j + 1;
            loop {
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b[k..].starts_with(b"//") {
                    k = skip_literal(b, k).unwrap_or(b.len());
                } else if b[k..].starts_with(b"#[") {
                    let mut d = 0;
                    while k < b.len() {
                        match b[k] {
                            b'[' => d += 1,
                            b']' => {
                                d -= 1;
                                if d == 0 {
                                    k += 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                        k += 1;
                    }
                } else {
                    break;
                }
            }
            out.push((at, item_end(b, k)));
        }
        out
    }

    /// The modules declared in `src` that this build leaves out
    /// (`#[cfg(PRED)]` on the line before `mod NAME;`, PRED false).
    fn excluded_mods(&self, src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut pending: Option<bool> = None;
        for line in src.lines() {
            let t = line.trim();
            if let Some(p) = t.strip_prefix("#[cfg(").and_then(|p| p.strip_suffix(")]")) {
                pending = self.eval(p);
                continue;
            }
            let decl = t.strip_prefix("pub ").or_else(|| t.strip_prefix("pub(crate) ")).unwrap_or(t);
            if let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) {
                if pending == Some(false) {
                    out.push(name.trim().to_string());
                }
            }
            if !t.starts_with("#[") && !t.starts_with("//") {
                pending = None;
            }
        }
        out
    }
}

/// Where `src[i..]` starts with a string or char literal, or a `//`
/// comment: the byte after it (else None).
fn skip_literal(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b'"' => {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            Some(j + 1)
        }
        // A char literal ('x', '\n', '\'', '\u{..}'); a lifetime is not one.
        b'\'' => {
            if b.get(i + 1) == Some(&b'\\') {
                let mut j = i + 3;
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                return Some(j + 1);
            }
            let ch_len = b.get(i + 1).map_or(1, |&c| if c < 0x80 { 1 } else if c >= 0xf0 { 4 } else if c >= 0xe0 { 3 } else { 2 });
            (b.get(i + 1 + ch_len) == Some(&b'\'')).then_some(i + 2 + ch_len)
        }
        b'/' if b.get(i + 1) == Some(&b'/') => Some(b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |k| i + k + 1)),
        _ => None,
    }
}

/// The end of the item, statement, field, variant or match arm that
/// starts at `src[i..]`: past the `;` or `,` that ends it at its own
/// nesting level, or past its closing `}` (an `if`'s `else` goes on), or
/// at a bracket that closes around it. May end too early (then names
/// after it count as used: the table is only larger), never too late.
fn item_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < b.len() {
        if let Some(j) = skip_literal(b, i) {
            i = j;
            continue;
        }
        match b[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth < 0 {
                    return i;
                }
                if depth == 0 && b[i] == b'}' {
                    let mut k = i + 1;
                    while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
                        k += 1;
                    }
                    if b[k..].starts_with(b"else") {
                        i = k;
                        continue;
                    }
                    return if matches!(b.get(k), Some(b';' | b',')) { k + 1 } else { i + 1 };
                }
            }
            b';' | b',' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The comma-separated operands of a `cfg` list (commas inside
/// parentheses belong to an operand).
fn split_top(s: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(&s[start..]);
    }
    out
}

fn scan(dir: &Path, cfg: &Cfg, names: &mut BTreeMap<String, String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    // Modules left out by a cfg of this directory's module file (`mod.rs`,
    // `lib.rs`, `main.rs`, or `DIR.rs` beside the directory).
    let mut skip: Vec<String> = Vec::new();
    if let Ok(src) = fs::read_to_string(dir.with_extension("rs")) {
        skip.extend(cfg.excluded_mods(&src));
    }
    for p in &entries {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if matches!(stem, "mod" | "lib" | "main") && p.extension().is_some_and(|x| x == "rs") {
            if let Ok(src) = fs::read_to_string(p) {
                skip.extend(cfg.excluded_mods(&src));
            }
        }
    }
    for p in entries {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        if skip.contains(&stem) {
            continue;
        }
        if p.is_dir() {
            scan(&p, cfg, names);
        } else if p.extension().is_some_and(|x| x == "rs") {
            println!("cargo:rerun-if-changed={}", p.display());
            let Ok(src) = fs::read_to_string(&p) else { continue };
            let b = src.as_bytes();
            let left_out = cfg.excluded_items(&src);
            let mut i = 0;
            while let Some(off) = src[i..].find("q::") {
                let start = i + off;
                i = start + 3;
                // Inside an item this build leaves out (`#[cfg(PRED)]`,
                // PRED false): not a use.
                if left_out.iter().any(|&(a, z)| (a..z).contains(&start)) {
                    continue;
                }
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

/// MicroPython's static qstrs in id order, read from the string literals
/// of `mpy_bytecode::static_qstr::STATIC_QSTRS`.
fn mpy_static_qstrs() -> Vec<String> {
    let path = Path::new("../mpy-bytecode/src/static_qstr.rs");
    println!("cargo:rerun-if-changed={}", path.display());
    let src = fs::read_to_string(path).expect("mpy-bytecode/src/static_qstr.rs");
    let start = src.find("pub const STATIC_QSTRS").expect("STATIC_QSTRS in static_qstr.rs");
    let body = &src[start..];
    let body = &body[body.find('[').expect("[")..body.find("];").expect("];")];
    let mut out = Vec::new();
    for line in body.lines().skip(1) {
        let t = line.trim();
        let Some(rest) = t.strip_prefix('"') else { continue };
        let mut s = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('0') => s.push('\0'),
                    Some(c) => s.push(c),
                    None => {}
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    assert_eq!(out.len(), 165, "static_qstr.rs: expected 165 static qstrs");
    out
}

/// FNV-1a, the string hash used for qstrs and str objects alike (folded
/// to 16 bits on 32-bit targets, as `qstr::hash_bytes`).
fn hash(s: &str, narrow: bool) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    if narrow {
        (h ^ (h >> 16)) & 0xffff
    } else {
        h
    }
}

/// Bucket of hash `h` among `mask + 1` buckets (the same function as
/// `qstr::slot_of`).
fn slot_of(h: u32, mask: usize) -> usize {
    ((h ^ (h >> 15)) as usize) & mask
}

fn main() {
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let narrow = env::var("CARGO_CFG_TARGET_POINTER_WIDTH").is_ok_and(|w| w == "32");
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    scan(Path::new("src"), &Cfg { features: Features::Own, target_os: target_os.clone() }, &mut names);
    // The ports' own modules (`machine`, `pyb`, ...) name their attributes
    // with `q::NAME` too: their qstrs are built in as well (the unix
    // port's only for hosted targets, the boards' only where their
    // target_os cfgs allow, and their `machine` and `fs` files only with
    // mpy-core's `port-machine` and `port-fs`; other port features are not
    // known here).
    if let Ok(rd) = fs::read_dir("../../ports") {
        let mut ports: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        ports.sort();
        for p in ports {
            if target_os == "none" && p.file_name().is_some_and(|n| n == "unix") {
                continue;
            }
            scan(&p.join("src"), &Cfg { features: Features::Port, target_os: target_os.clone() }, &mut names);
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
    let mpy_static = mpy_static_qstrs();
    for s in &mpy_static {
        table.entry(s.clone()).or_default();
    }
    // Every one-character ASCII string is built in (ids 0..128), so
    // indexing or iterating a str and `ch.lower()` allocate nothing.
    let is_ascii_char = |t: &str| t.len() == 1 && t.as_bytes()[0] < 0x80;
    let named: Vec<(&String, &String)> = table.iter().filter(|(t, _)| !is_ascii_char(t)).collect();
    let n_named = named.len();
    let n = 128 + n_named;
    assert!(n < u16::MAX as usize, "too many static qstrs for u16 ids");
    // Up to one named qstr per bucket on 64-bit targets; about four (16-bit
    // hashes compared in a row) on 32-bit ones, where flash is scarce.
    let n_buckets = if narrow {
        let n = (n_named / 4).max(1);
        1 << (usize::BITS - 1 - n.leading_zeros())
    } else {
        n_named.next_power_of_two()
    };
    let mask = n_buckets - 1;
    let mut order: Vec<(usize, &String, &String, u32)> = named
        .iter()
        .map(|(t, id)| {
            let h = hash(t, narrow);
            (slot_of(h, mask), *t, *id, h)
        })
        .collect();
    order.sort();
    let mut buckets = vec![0u16; n_buckets + 1];
    for (b, ..) in &order {
        buckets[b + 1] += 1;
    }
    for b in 0..n_buckets {
        buckets[b + 1] += buckets[b];
    }
    // id of every text
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for b in 0u8..0x80 {
        if let Some((t, _)) = table.get_key_value(&(b as char).to_string()) {
            ids.insert(t.as_str(), b as usize);
        }
    }
    for (i, (_, t, _, _)) in order.iter().enumerate() {
        ids.insert(t.as_str(), 128 + i);
    }

    let mut out = String::new();
    out.push_str("// @generated by build.rs from the q::NAME uses in src/\n");
    out.push_str(&format!("/// Number of built-in qstrs.\npub const N_STATIC: usize = {n};\n"));
    out.push_str(&format!(
        "/// Named built-in qstrs (ids from 128) by hash bucket: bucket `b` holds\n/// `STATIC_BUCKETS[b]..STATIC_BUCKETS[b + 1]` (relative to 128).\nstatic STATIC_BUCKETS: [u16; {}] = {:?};\n",
        n_buckets + 1,
        buckets
    ));
    if narrow {
        let mut text = String::new();
        let mut ends = vec![0u16];
        for (_, t, _, _) in &order {
            text.push_str(t);
            ends.push(u16::try_from(text.len()).expect("qstr text over 64 KiB"));
        }
        let hashes: Vec<u16> = order.iter().map(|o| o.3 as u16).collect();
        // Boards: a byte per length and every 16th start (3 bytes of table
        // per qstr fewer than `STATIC_ENDS`' 2 + `STATIC_HASHES`' 2).
        let lens: Vec<u8> =
            order.iter().map(|o| u8::try_from(o.1.len()).expect("qstr text over 255 bytes")).collect();
        let starts: Vec<u16> = ends.iter().step_by(16).copied().collect();
        out.push_str(&format!(
            "/// Boards: the length of named qstr `i` in [`STATIC_TEXT`].\n#[cfg_attr(not(target_os = \"none\"), allow(dead_code))]\nstatic STATIC_LENS: [u8; {n_named}] = {lens:?};\n/// Boards: where named qstr `16 * k` starts in [`STATIC_TEXT`].\n#[cfg_attr(not(target_os = \"none\"), allow(dead_code))]\nstatic STATIC_STARTS: [u16; {}] = {starts:?};\n",
            starts.len()
        ));
        out.push_str(&format!(
            "/// The named built-in qstrs' texts back to back.\nstatic STATIC_TEXT: &str = {text:?};\n/// Where named qstr `i` (id `128 + i`) ends in [`STATIC_TEXT`]\n/// (`STATIC_ENDS[i + 1]`) and starts (`STATIC_ENDS[i]`).\n#[cfg_attr(target_os = \"none\", allow(dead_code))]\nstatic STATIC_ENDS: [u16; {}] = {ends:?};\n/// Hashes of the named built-in qstrs (the boards compute them).\n#[cfg_attr(target_os = \"none\", allow(dead_code))]\nstatic STATIC_HASHES: [u16; {n_named}] = {hashes:?};\n",
            ends.len()
        ));
    } else {
        out.push_str("/// Built-in qstr texts; index = qstr id.\nstatic STATIC_STRS: [&str; N_STATIC] = [\n");
        for b in 0u8..0x80 {
            out.push_str(&format!("    {:?},\n", (b as char).to_string()));
        }
        for (_, t, _, _) in &order {
            out.push_str(&format!("    {t:?},\n"));
        }
        out.push_str("];\n/// Hashes of the built-in qstrs, by id.\nstatic STATIC_HASHES: [u32; N_STATIC] = [\n");
        for b in 0u8..0x80 {
            out.push_str(&format!("    {},\n", hash(&(b as char).to_string(), narrow)));
        }
        for o in &order {
            out.push_str(&format!("    {},\n", o.3));
        }
        out.push_str("];\n");
    }
    let mpy_ids: Vec<u16> = mpy_static.iter().map(|s| ids[s.as_str()] as u16).collect();
    out.push_str(&format!(
        "/// The built-in qstr of MicroPython's static qstr `id` (1..=165, as\n/// `.mpy` files refer to them): `MPY_STATIC[id - 1]`.\npub static MPY_STATIC: [u16; 165] = {mpy_ids:?};\n"
    ));
    out.push_str("/// One constant per named built-in qstr, named after its text.\n#[allow(non_upper_case_globals, dead_code, missing_docs)]\npub mod q {\n    use super::Qstr;\n");
    for (text, ident) in &table {
        if !ident.is_empty() {
            out.push_str(&format!("    pub const {}: Qstr = Qstr({});\n", ident, ids[text.as_str()]));
        }
    }
    out.push_str("}\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("qstr_gen.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../../ports");
    println!("cargo:rerun-if-changed=build.rs");
}
