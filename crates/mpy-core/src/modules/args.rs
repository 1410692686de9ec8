//! Small argument-conversion helpers shared by the built-in modules.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::PyResult;
use alloc::format;
use num_traits::ToPrimitive;

/// An int argument as `i64` (bools count; floats are a TypeError).
///
/// Errors: `TypeError: can't convert float to int`, `OverflowError`.
pub fn int_arg(vm: &mut Vm, o: Obj) -> PyResult<i64> {
    if let Some(i) = o.as_small_int() {
        return Ok(i as i64);
    }
    match o {
        Obj::TRUE => return Ok(1),
        Obj::FALSE => return Ok(0),
        _ => {}
    }
    match vm.get(o) {
        Some(ObjData::Int(b)) => match b.to_i64() {
            Some(v) => Ok(v),
            None => Err(vm.overflow_error("overflow converting long int to machine word")),
        },
        _ => {
            let msg = format!("can't convert {} to int", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// A number argument as `f64` (ints, bools and floats).
///
/// Errors: `TypeError: can't convert str to float`.
pub fn float_arg(vm: &mut Vm, o: Obj) -> PyResult<f64> {
    if let Some(f) = vm.float_of(o) {
        return Ok(f);
    }
    if let Some(ObjData::Int(b)) = vm.get(o) {
        return Ok(b.to_f64().unwrap_or(f64::INFINITY));
    }
    if o.is_small_int() || o.is_bool() {
        return Ok(int_arg(vm, o)? as f64);
    }
    let msg = format!("can't convert {} to float", vm.type_name(o));
    Err(vm.type_error(&msg))
}
