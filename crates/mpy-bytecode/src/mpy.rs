//! The `.mpy` v6.3 container: header, qstr table, constant objects and the
//! raw-code tree (`shared/spec/mpy-format.md`). Only bytecode raw codes are
//! supported; native, viper and inline-asm records are rejected cleanly.

use core::fmt;

mod reader;
mod writer;

pub use reader::{read_mpy, read_mpy_checked, read_mpy_with, StaticStr, MAX_NESTING};
pub use writer::write_mpy;

/// `.mpy` magic byte (`M`).
pub const MPY_MAGIC: u8 = b'M';
/// `.mpy` format version written and accepted.
pub const MPY_VERSION: u8 = 6;
/// `.mpy` sub-version required with native code.
pub const MPY_SUB_VERSION: u8 = 3;
/// Native architecture number of RV32IMC, the only one allowed an
/// arch-flags vuint in the header.
pub const MPY_ARCH_RV32IMC: u8 = 11;

/// Why a `.mpy` file could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MpyError {
    /// The header is not one this loader accepts: wrong magic or version,
    /// native arch with a wrong sub-version, an arch-flags field for an
    /// arch other than RV32, or more small-int bits than the runtime has.
    /// MicroPython raises `ValueError: incompatible .mpy file`.
    Incompatible,
    /// The file holds native, viper or inline-assembler code (or a native
    /// function table), which this implementation cannot run.
    NativeCode,
    /// The body ended in the middle of a field.
    Truncated,
    /// A field has an impossible value; the text says which.
    Malformed(&'static str),
    /// A float or complex constant, read without feature `float` (a run
    /// time without floats; MicroPython raises `ValueError: decimal
    /// numbers not supported`).
    NoFloat,
}

impl fmt::Display for MpyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MpyError::Incompatible => f.write_str("incompatible .mpy file"),
            MpyError::NativeCode => f.write_str("native code in .mpy unsupported"),
            MpyError::Truncated => f.write_str("truncated .mpy file"),
            MpyError::Malformed(what) => write!(f, "malformed .mpy file: {what}"),
            MpyError::NoFloat => f.write_str("decimal numbers not supported"),
        }
    }
}

/// `.mpy` constant-object type codes.
pub mod obj_type {
    /// A native function table (native code only).
    pub const FUN_TABLE: u8 = 0;
    /// `None`.
    pub const NONE: u8 = 1;
    /// `False`.
    pub const FALSE: u8 = 2;
    /// `True`.
    pub const TRUE: u8 = 3;
    /// `...`.
    pub const ELLIPSIS: u8 = 4;
    /// A str: length, UTF-8 text, 0.
    pub const STR: u8 = 5;
    /// A bytes: length, bytes, 0.
    pub const BYTES: u8 = 6;
    /// An int: length, decimal text.
    pub const INT: u8 = 7;
    /// A float: length, text.
    pub const FLOAT: u8 = 8;
    /// A complex (imaginary part): length, text ending in `j`.
    pub const COMPLEX: u8 = 9;
    /// A tuple: count, items.
    pub const TUPLE: u8 = 10;
}
