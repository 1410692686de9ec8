//! The bytecode VM: loading raw code, the dispatch loop, Python function
//! calls, classes and instances, generators, exceptions and imports.
//!
//! PLACEHOLDER: the entry points below are what the rest of the runtime
//! calls; the VM implements them.

use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE;
use crate::PyResult;

/// Calls a Python function object with positional args and flattened
/// keyword pairs.
pub fn call_function(vm: &mut Vm, _f: Obj, _args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Err(vm.error(&NOT_IMPLEMENTED_ERROR_TYPE, "python functions"))
}

/// Instantiates a user class (`C(*args, **kw)`).
pub fn call_class(vm: &mut Vm, _cls: Obj, _args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Err(vm.error(&NOT_IMPLEMENTED_ERROR_TYPE, "classes"))
}

/// Does this instance's class define `__call__`?
pub fn instance_is_callable(_vm: &Vm, _o: Obj) -> bool {
    false
}

/// LOAD_METHOD/LOAD_ATTR on instances, classes, modules and exceptions:
/// `(method, self)`, `(value, NULL)` or `(NULL, NULL)` (see
/// `Vm::load_method_maybe`).
pub fn load_method_special(_vm: &mut Vm, _o: Obj, _name: Qstr) -> PyResult<(Obj, Obj)> {
    Ok((Obj::NULL, Obj::NULL))
}

/// STORE_ATTR / DELETE_ATTR (value NULL) on instances, classes, modules
/// and exceptions.
pub fn store_attr_special(vm: &mut Vm, _o: Obj, _name: Qstr, _value: Obj) -> PyResult<()> {
    Err(vm.error(&NOT_IMPLEMENTED_ERROR_TYPE, "setattr"))
}
