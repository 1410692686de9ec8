//! The MicroPython runtime (no_std + alloc): objects, heap and gc, VM,
//! builtins and portable modules. Ports provide a [`hal::Hal`].
#![no_std]
extern crate alloc;

/// A message or template packed at compile time (see
/// [`runtime::msgtext`]): `vm.type_error(msg!("..."))`.
#[macro_export]
macro_rules! msg {
    ($s:literal) => {{
        const MSG_LEN: usize = $s.len();
        const PACKED_LEN: usize = $crate::runtime::msgtext::packed_len::<{ MSG_LEN }>($s);
        const PACKED: [u8; PACKED_LEN] = $crate::runtime::msgtext::pack::<{ MSG_LEN }, { PACKED_LEN }>($s);
        const S: &str = match ::core::str::from_utf8(&PACKED) {
            Ok(s) => s,
            Err(_) => panic!("msg! text is not UTF-8"),
        };
        S
    }};
}

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
