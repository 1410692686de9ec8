//! Fuzz the `.mpy` reader: it must never panic; anything it accepts must
//! write back to a file that reads back to the same module.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_bytecode::{read_mpy, write_mpy};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = read_mpy(data) {
        let bytes = write_mpy(&m);
        match read_mpy(&bytes) {
            Ok(m2) => assert!(m2 == m || format!("{m2:?}") == format!("{m:?}")),
            Err(e) => panic!("rewritten module unreadable: {e}"),
        }
    }
});
