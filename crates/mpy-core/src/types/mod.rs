//! The built-in types, one file each (MicroPython's `obj<type>.c` split).

pub mod attrtuple;
pub mod bool;
pub mod bytearray;
pub mod bytes;
#[cfg(feature = "complex")]
pub mod complex;
pub mod dict;
pub mod exception;
#[cfg(feature = "float")]
pub mod float;
#[cfg(all(feature = "float", not(feature = "float-single")))]
pub mod float_acc;
/// Single precision: `libm`'s `f32` functions (see `float_acc_single.rs`).
#[cfg(all(feature = "float", feature = "float-single"))]
#[path = "float_acc_single.rs"]
pub mod float_acc;
#[cfg(feature = "float")]
pub mod float_format;
pub mod instance;
pub mod int;
#[cfg(not(target_os = "none"))]
pub mod int_fast;
pub mod int_ops;
pub mod int_parse;
pub mod list;
#[cfg(feature = "memoryview")]
pub mod memoryview;
pub mod misc;
pub mod object;
pub mod port;
pub mod round;
#[cfg(test)]
pub(crate) mod num_testutil;
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
