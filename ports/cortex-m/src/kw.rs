//! Small argument helpers for the hardware modules: keyword arguments
//! (the `[name, value, ...]` pairs native functions receive).

use mpy_core::typ::TypeObj;
use mpy_core::types::port::PORT_SLOTS;
use mpy_core::{Obj, PyResult, Qstr, Vm};

/// The value of keyword argument `name`, if given.
pub fn kw_arg(k: &[Obj], name: Qstr) -> Option<Obj> {
    // (Compared as objects: a qstr's object is its id, no decoding.)
    let key = Obj::qstr(name);
    k.chunks_exact(2).find(|p| p[0] == key).map(|p| p[1])
}

/// The int value of keyword argument `name`, else of the positional
/// argument `pos`, else `default` (one body for the hardware modules'
/// int options), as [`int32`].
///
/// Errors: `TypeError` for a non-int, `OverflowError`.
#[inline(never)]
pub fn kw_int(vm: &mut Vm, k: &[Obj], name: Qstr, pos: Option<&Obj>, default: i32) -> PyResult<i32> {
    match kw_arg(k, name).or(pos.copied()) {
        Some(o) => int32(vm, o),
        None => Ok(default),
    }
}

/// An int argument clamped to `i32` (for ids, modes and ranges checked
/// well inside it: the same answers as the full `i64`, in 32-bit code).
///
/// Errors: `TypeError` for a non-int, `OverflowError`.
#[inline(never)]
pub fn int32(vm: &mut Vm, o: Obj) -> PyResult<i32> {
    let v = mpy_core::modules::args::int_arg(vm, o)?;
    Ok(v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
}

/// The truth of keyword argument `name`, else `default`.
///
/// Errors: whatever `__bool__`/`__len__` raises.
#[inline(never)]
pub fn kw_bool(vm: &mut Vm, k: &[Obj], name: Qstr, default: bool) -> PyResult<bool> {
    match kw_arg(k, name) {
        Some(o) => vm.is_true(o),
        None => Ok(default),
    }
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

/// The first positional argument (a constructor's id; one copy of the
/// check for every hardware type).
///
/// Errors: `TypeError: function missing 1 required positional arguments`.
#[inline(never)]
pub fn first_arg(vm: &mut Vm, a: &[Obj]) -> PyResult<Obj> {
    match a.first() {
        Some(&o) => Ok(o),
        None => Err(mpy_core::types::strutil::missing_one(vm)),
    }
}

/// The first slot of `o`, an object of hardware type `ty`, as a byte (a
/// Pin's pin number, an ADC's channel).
///
/// Errors: `TypeError: {expected}` if `o` is not one.
#[inline(never)]
pub fn slot0_u8(vm: &mut Vm, o: Obj, ty: &'static TypeObj, expected: &'static str) -> PyResult<u8> {
    Ok(slots_of(vm, o, ty, expected)?[0].as_small_int().unwrap_or(0) as u8)
}

/// The slots of `o`, an object of hardware type `ty` (one copy of the
/// check for every hardware type).
///
/// Errors: `TypeError: {expected}` if `o` is not one.
#[inline(never)]
pub fn slots_of(vm: &mut Vm, o: Obj, ty: &'static TypeObj, expected: &'static str) -> PyResult<[Obj; PORT_SLOTS]> {
    match vm.port_slots(o, ty) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(expected)),
    }
}
