//! Fuzz target: the lexer and parser must never panic (or overflow the
//! stack) on arbitrary bytes, in any mode.
//! Run: `cargo +nightly fuzz run fuzz_parse` from the repo root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_compiler::{parse, Mode};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
        let _ = parse(data, "fuzz.py", mode);
    }
});
