//! Small argument helpers for the hardware modules: keyword arguments
//! (the `[name, value, ...]` pairs native functions receive).

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
            return Err(vm.type_error(mpy_core::runtime::exc::msg::UNEXPECTED_KW));
        }
    }
    Ok(())
}
