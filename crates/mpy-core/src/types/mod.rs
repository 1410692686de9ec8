//! The built-in types, one file each (MicroPython's `obj<type>.c` split).

pub mod attrtuple;
pub mod bytearray;
pub mod bytes;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod float;
pub mod instance;
pub mod int;
pub mod list;
pub mod memoryview;
pub mod misc;
pub mod object;
pub mod set;
pub mod slice;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod str_modulo;
pub mod strutil;
pub mod tuple;
pub mod dict_views;
pub mod iterators;
pub mod range;
pub mod seq;

#[cfg(test)]
pub mod testutil;
#[cfg(test)]
mod containers_tests;
#[cfg(test)]
mod str_tests;
