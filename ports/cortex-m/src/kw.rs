//! Small argument helpers for the hardware modules: keyword arguments
//! (the `[name, value, ...]` pairs native functions receive).

use mpy_core::{Obj, PyResult, Qstr, Vm};

/// The value of keyword argument `name`, if given.
pub fn kw_arg(k: &[Obj], name: Qstr) -> Option<Obj> {
    // (Compared as objects: a qstr's object is its id, no decoding.)
    let key = Obj::qstr(name);
    k.chunks_exact(2).find(|p| p[0] == key).map(|p| p[1])
}

/// Checks that every keyword argument is one of `allowed`.
///
/// Errors: `TypeError: unexpected keyword argument`.
pub fn kw_check(vm: &mut Vm, k: &[Obj], allowed: &[Qstr]) -> PyResult<()> {
    for p in k.chunks_exact(2) {
        if !allowed.iter().any(|&n| Obj::qstr(n) == p[0]) {
            return Err(vm.type_error(mpy_core::runtime::exc::msg::UNEXPECTED_KW));
        }
    }
    Ok(())
}
