//! The built-in types, one file each (MicroPython's `obj<type>.c` split).

pub mod attrtuple;
pub mod bool;
pub mod bytearray;
pub mod bytes;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod float;
pub mod float_format;
pub mod instance;
pub mod int;
pub mod int_ops;
pub mod int_parse;
pub mod list;
pub mod misc;
#[cfg(test)]
pub(crate) mod num_testutil;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;
