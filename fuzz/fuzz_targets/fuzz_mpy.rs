//! Fuzz the `.mpy` reader and the disassembler: they must never panic;
//! anything the reader accepts must write back to a file that reads back
//! to the same module.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_bytecode::disasm::disassemble_module;
use mpy_bytecode::{read_mpy, write_mpy};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = read_mpy(data) {
        let _ = disassemble_module(&m);
        let bytes = write_mpy(&m);
        match read_mpy(&bytes) {
            // Debug comparison so NaN constants compare equal.
            Ok(m2) => assert_eq!(format!("{m2:?}"), format!("{m:?}")),
            Err(e) => panic!("rewritten module unreadable: {e}"),
        }
    }
});
