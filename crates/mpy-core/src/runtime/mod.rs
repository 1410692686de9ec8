//! The runtime: generic operations on objects (MicroPython's `runtime.c`
//! and `obj.c`): construction, type queries, exceptions, and dispatch of
//! operators, calls, attributes, iteration and printing to type slots.
//!
//! The gc's roots need no registration here: every word of the `Vm`
//! struct is a root (see [`crate::gc`]), so the VM's frames, the current
//! exception and the module registry are found through its fields.

pub mod attr;
pub mod call;
pub mod dict;
pub mod exc;
pub mod init;
pub mod iter;
pub mod msgtext;
pub mod new;
pub mod ops;
pub mod print;
pub mod subscr;

#[cfg(test)]
mod print_tests;
