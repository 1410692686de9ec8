//! The MicroPython runtime (no_std + alloc): objects, heap and gc, VM,
//! builtins and portable modules. Ports provide a [`hal::Hal`].
#![no_std]
extern crate alloc;

pub mod alloc_guard;
pub mod error;
#[cfg(feature = "float")]
pub mod flt;
pub mod gc;
pub mod hal;
pub mod heap;
pub mod map;
pub mod modules;
pub mod obj;
pub mod qstr;
pub mod runtime;
pub mod sort;
pub mod state;
pub mod typ;
pub mod types;
pub mod vm;
pub mod vmobj;

#[cfg(test)]
extern crate std;
#[cfg(test)]
mod sizes_tests;

pub use error::{PyErr, PyResult};
#[cfg(feature = "float")]
pub use flt::Float;
pub use obj::Obj;
pub use qstr::{q, Qstr};
pub use state::{Config, Vm};
