//! Small argument helpers for the hardware modules: keyword arguments
//! (the `[name, value, ...]` pairs native functions receive) and decimal
//! text without `core::fmt`.

use mpy_core::{Obj, PyResult, Qstr, Vm};

/// The value of keyword argument `name`, if given.
pub fn kw_arg(k: &[Obj], name: Qstr) -> Option<Obj> {
    k.chunks_exact(2).find(|p| p[0].as_qstr() == Some(name)).map(|p| p[1])
}

/// Checks that every keyword argument is one of `allowed`.
///
/// Errors: `TypeError: unexpected keyword argument`.
pub fn kw_check(vm: &mut Vm, k: &[Obj], allowed: &[Qstr]) -> PyResult<()> {
    for p in k.chunks_exact(2) {
        if !p[0].as_qstr().is_some_and(|n| allowed.contains(&n)) {
            return Err(vm.type_error("unexpected keyword argument"));
        }
    }
    Ok(())
}

/// `n` in decimal, written into the end of `buf`.
pub fn decimal(buf: &mut [u8], mut n: u32) -> &str {
    let mut i = buf.len();
    loop {
        if i == 0 {
            break;
        }
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    core::str::from_utf8(&buf[i..]).unwrap_or("")
}
