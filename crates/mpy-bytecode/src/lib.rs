//! MicroPython bytecode: the opcode table, variable-length integers, raw-code
//! containers and the `.mpy` v6.3 file format (see `shared/spec/`).
//!
//! Modules:
//! - [`opcode`]: opcode values, operand formats, stack effects, `opcode_size`.
//! - [`varint`]: vuint, signed small-int and jump-offset encodings.
//! - [`prelude`]: the bytecode function signature and prelude.
//! - [`line_table`]: the line-number table.
//! - [`raw_code`]: compiled code as plain data.
//! - [`disasm`]: instruction decoding and the disassembler.
//! - [`mpy`]: `.mpy` v6.3 reader and writer; [`float_repr`]: float constant text.
//! - [`static_qstr`]: MicroPython's 165 static qstrs.
//! - [`validate`]: structural checks of loaded bytecode for the VM.
//! - [`utf8`]: UTF-8 validity (a byte loop on boards).
#![no_std]
#![warn(missing_docs)]
extern crate alloc;

pub mod disasm;
pub mod float_repr;
pub mod line_table;
pub mod mpy;
pub mod opcode;
pub mod prelude;
pub mod raw_code;
pub mod static_qstr;
pub mod utf8;
pub mod validate;
pub mod varint;

pub use mpy::{read_mpy, read_mpy_checked, read_mpy_with, write_mpy, MpyError};
pub use prelude::{Prelude, Signature};
pub use raw_code::{CompiledModule, Const, RawCode, RawCodeKind};
pub use varint::DecodeError;
