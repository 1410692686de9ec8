//! The built-in types, one file each (MicroPython's `obj<type>.c` split).

pub mod bytearray;
pub mod bytes;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod float;
pub mod instance;
pub mod int;
pub mod list;
pub mod misc;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod dict_views;
pub mod iterators;
pub mod range;
pub mod seq;
#[cfg(test)]
pub mod testutil;
#[cfg(test)]
mod containers_tests;
