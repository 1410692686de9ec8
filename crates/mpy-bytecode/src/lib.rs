//! MicroPython bytecode: the opcode table, variable-length integers, raw-code
//! containers and the `.mpy` v6.3 file format (see `shared/spec/`).
#![no_std]
extern crate alloc;

pub mod raw_code;
pub use raw_code::{CompiledModule, Const, RawCode, RawCodeKind};
